import path from 'node:path';
import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Rule } from '../../flag/rules-schema.js';
import type { Thread } from '../../thread/schema.js';
import { ContextPane } from '../components/context-pane/context-pane.js';
import { DecisionForm } from '../components/decision-form/decision-form.js';
import { Footer } from '../components/footer/footer.js';
import { Header } from '../components/header/header.js';
import { HelpScreen } from '../components/help-screen/help-screen.js';
import { Queue } from '../components/queue/queue.js';
import { StatusBar } from '../components/status-bar/status-bar.js';
import { ThreadTree } from '../components/thread-tree/thread-tree.js';
import { TitleLine } from '../components/title-line/title-line.js';
import type { ReviewBackend, ReviewSources } from '../ports.js';
import { ThemeProvider, themeFor, WidthProvider } from '../theme/theme.js';
import type { ContextExtent } from '../state/context-lines.js';
import { layout, MIN_COLUMNS, MIN_ROWS } from '../state/layout.js';
import { rowPositions } from '../state/queue.js';
import { counts, selectedId, selectedIndex, visibleRows } from '../state/selectors.js';
import { threadIndex } from '../state/thread-index.js';
import type { Moderation, ReviewState } from '../state/types.js';
import { memberRecord } from '../state/member.js';
import type { Comment, Report } from '../../thread/schema.js';
import { useReviewInput } from './use-review-input.js';
import { useReviewSession } from './use-review-session.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface ReviewAppProps {
  readonly thread: Thread;
  readonly rules: readonly Rule[];
  readonly backend: ReviewBackend;
  readonly sources: ReviewSources;
  /** The scorer asked for on the command line; a lexicon scorer is flagged as a fallback unless asked for. */
  readonly requestedScorer: string;
  /** False for NO_COLOR, --no-color and TERM=dumb: the no-colour theme (evidence marked »like this«). */
  readonly colour: boolean;
  /** Post titles, members' reports and the modlog, for dumps fetched from Lemmy. */
  readonly moderation?: Moderation;
  /** Told how the session ended: nothing for quitting, the error for a failure. */
  readonly onExit?: (error?: Error) => void;
}

/** `threadmod review`: the queue (or the whole thread), the context pane, the status bar. */
export function ReviewApp(props: ReviewAppProps) {
  const { thread, rules, backend, sources } = props;
  const theme = themeFor(props.colour);
  const { exit } = useApp();
  const exited = useRef(false);
  const onExitProp = useRef(props.onExit);
  onExitProp.current = props.onExit;
  const onExit = useCallback(
    (error?: Error) => {
      if (exited.current) return;
      exited.current = true;
      onExitProp.current?.(error);
      exit(error);
    },
    [exit],
  );

  const size = useTerminalSize();
  const [state, dispatch] = useReviewSession({ thread, rules, backend, onExit });
  const listRows = listRowCount(state);
  const lay = useMemo(() => layout(size.columns, size.rows, listRows), [size, listRows]);
  useEffect(() => dispatch({ type: 'resize', pageSize: lay.listHeight }), [dispatch, lay.listHeight]);
  useReviewInput(dispatch, true);
  const onHelpExtent = useCallback((max: number) => dispatch({ type: 'help-extent', max }), [dispatch]);
  const onExtent = useCallback(
    (id: string, extent: ContextExtent) => dispatch({ type: 'context-extent', id, ...extent }),
    [dispatch],
  );

  if (lay.tooSmall) {
    return (
      <Text>
        Terminal too small for the review: {MIN_COLUMNS}x{MIN_ROWS} at least, this one is {size.columns}x{size.rows}.
      </Text>
    );
  }
  const width = lay.columns;
  const title = thread.post.title ?? path.basename(sources.dumpFile);
  return (
    <ThemeProvider value={theme}>
      <WidthProvider value={width}>
        <Box flexDirection="column" width={width} height={lay.rows - 1}>
          <Header title={title} moderator={sources.moderator} />
          {state.mode.kind === 'help' ? (
            <HelpScreen
              height={lay.listHeight + lay.contextHeight + 2 + STATUS_ROWS}
              warnings={state.warnings}
              offset={state.mode.offset}
              onExtent={onHelpExtent}
            />
          ) : (
            <Panes
              state={state}
              listHeight={lay.listHeight}
              contextHeight={lay.contextHeight}
              moderation={props.moderation ?? NO_MODERATION}
              onExtent={onExtent}
            />
          )}
          {state.mode.kind !== 'help' && (
            <StatusBar
              counts={counts(state)}
              scorer={state.scorer}
              requestedScorer={props.requestedScorer}
              rulesFile={sources.rulesFile}
              ruleCount={rules.length}
              journalFile={sources.journalFile}
            />
          )}
          <Footer
            mode={state.mode}
            notice={state.notice}
            busy={state.pending !== null}
            warnings={state.warnings.length}
          />
        </Box>
      </WidthProvider>
    </ThemeProvider>
  );
}

/** Rows the list pane has to show: the queue's (filtered) rows or the thread's comments; a form takes its share. */
function listRowCount(state: ReviewState): number {
  if (state.mode.kind === 'form') return Number.POSITIVE_INFINITY;
  return state.view === 'thread' ? state.thread.comments.length : visibleRows(state).length;
}

/** The status bar's lines, which the help screen takes over. */
const STATUS_ROWS = 2;

interface PanesProps {
  readonly state: ReviewState;
  readonly listHeight: number;
  readonly contextHeight: number;
  readonly moderation: Moderation;
  readonly onExtent: (id: string, extent: ContextExtent) => void;
}

const NO_MODERATION: Moderation = { postTitles: new Map(), reports: [], modlog: [] };

/** The list (queue, thread or decision form) above the context pane. */
function Panes({ state, listHeight, contextHeight, moderation, onExtent }: PanesProps) {
  const index = threadIndex(state.thread);
  const rows = visibleRows(state);
  const id = selectedId(state);
  const at = selectedIndex(state);
  const comment = id === null ? null : (index.byId.get(id) ?? null);
  const rowAt = id === null ? undefined : rowPositions(state.rows).get(id);
  const row = rowAt === undefined ? undefined : state.rows[rowAt];
  const flagged = useMemo(() => new Set(state.rows.map((r) => r.id)), [state.rows]);
  const rowsById = useMemo(() => new Map(state.rows.map((r) => [r.id, r])), [state.rows]);
  const reportsOf = useMemo(() => {
    const map = new Map<string, Report[]>();
    for (const r of moderation.reports)
      if (r.commentId !== null) map.set(r.commentId, [...(map.get(r.commentId) ?? []), r]);
    return map;
  }, [moderation.reports]);
  const multiPost = moderation.postTitles.size > 1;
  const postOf = useCallback(
    (r: { comment: Comment }) => (multiPost && r.comment.lemmy ? `#${r.comment.lemmy.postId}` : undefined),
    [multiPost],
  );
  const record =
    comment === null ? null : memberRecord(comment, index, rowsById, state.decisions.active, moderation.modlog);
  const postTitle = multiPost && comment?.lemmy ? (moderation.postTitles.get(comment.lemmy.postId) ?? null) : null;
  const pending = state.pending?.effect;
  const savingId = pending?.kind === 'decide' ? pending.input.commentId : null;
  const community = state.thread.post.community;
  const form = state.mode.kind === 'form' ? state.mode : null;
  const formComment = form ? index.byId.get(form.commentId) : undefined;

  let listTitle: string;
  if (form) listTitle = 'Decision';
  else if (state.view === 'thread') {
    listTitle = `Thread · ${index.comments.length} comments · ${at + 1}/${index.comments.length}`;
  } else {
    const filtered = state.filter ? ` · filter "${state.filter}": ${rows.length} of ${state.rows.length}` : '';
    const position = rows.length > 0 ? ` · ${at + 1}/${rows.length}` : '';
    listTitle = `Queue · ${state.rows.length} flagged${filtered}${position}`;
  }
  const empty =
    state.phase.kind !== 'ready'
      ? 'No flag yet; flags appear here as scoring finds them.'
      : state.rows.length === 0
        ? 'Nothing flagged. Press t to read the whole thread.'
        : 'No flag matches the filter. Esc clears it.';

  return (
    <>
      <TitleLine title={listTitle} phase={state.phase} />
      {form && formComment ? (
        <DecisionForm
          form={form}
          comment={formComment}
          rules={state.rules}
          community={community ? `!${community.name}${community.instance ? `@${community.instance}` : ''}` : null}
          height={listHeight}
        />
      ) : state.view === 'thread' ? (
        <ThreadTree
          comments={index.comments}
          selectedIndex={at}
          height={listHeight}
          flagged={flagged}
          decisions={state.decisions.active}
          savingId={savingId}
        />
      ) : (
        <Queue
          rows={rows}
          selectedIndex={at}
          height={listHeight}
          decisions={state.decisions.active}
          rulesById={state.rulesById}
          savingId={savingId}
          empty={empty}
          postOf={postOf}
          newComments={moderation.newComments}
        />
      )}
      <TitleLine title="Context" />
      <ContextPane
        comment={comment}
        index={index}
        row={row}
        analysis={id === null ? undefined : state.analyses.get(id)}
        decision={id === null ? undefined : state.decisions.active.get(id)}
        rulesById={state.rulesById}
        height={contextHeight}
        postTitle={postTitle}
        reports={id === null ? undefined : reportsOf.get(id)}
        record={record}
        memberView={state.memberView}
        rowsById={rowsById}
        decisions={state.decisions.active}
        scroll={id !== null && state.contextScroll?.id === id ? state.contextScroll.offset : 0}
        onExtent={onExtent}
      />
    </>
  );
}
