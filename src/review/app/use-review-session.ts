/**
 * Runs a review session: the pure reducer, plus the outside world it asks
 * for. Starts the backend (scorer, journal, scan), feeds flags in as they are
 * found, and runs each pending effect (journal writes, export, quit), telling
 * the reducer only once the journal has the decision on disk.
 */
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { Flag } from '../../flag/flag-schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Thread } from '../../thread/schema.js';
import type { ReviewBackend, ReviewJournal } from '../ports.js';
import { initialState, reviewReducer } from '../state/reducer.js';
import type { DecisionsSnapshot, Effect, EffectResult, ReviewAction, ReviewState } from '../state/types.js';

export interface SessionOptions {
  readonly thread: Thread;
  readonly rules: readonly Rule[];
  readonly backend: ReviewBackend;
  /** Called once for quitting (no error) or a failure that ends the session. */
  readonly onExit: (error?: Error) => void;
}

/** How often found flags and progress reach the screen while scoring (ms). */
const SCAN_FLUSH_MS = 40;

export function snapshot(journal: ReviewJournal): DecisionsSnapshot {
  const state = journal.state;
  return { active: new Map(state.active), undo: state.undoStack.length, redo: state.redoStack.length };
}

export function useReviewSession(options: SessionOptions): [ReviewState, Dispatch<ReviewAction>] {
  const [state, dispatch] = useReducer(reviewReducer, options, initialState);
  const journal = useRef<ReviewJournal | null>(null);
  const ran = useRef(0);
  const opts = useRef(options);
  opts.current = options;

  useEffect(() => {
    let alive = true;
    const send = (action: ReviewAction) => {
      if (alive) dispatch(action);
    };
    const { backend, onExit } = opts.current;
    // Flags and progress arrive per sentence batch. They reach the screen at
    // most every SCAN_FLUSH_MS, checked on arrival as well as by a timer: a
    // fast scorer (the lexicon) can keep the event loop busy for the whole
    // scan, and timers would only fire once it ends. The first flag goes at once.
    let found: Flag[] = [];
    let progress: { done: number; total: number } | null = null;
    let timer: NodeJS.Timeout | null = null;
    let lastFlush = Number.NEGATIVE_INFINITY;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      lastFlush = performance.now();
      if (found.length > 0) send({ type: 'flags-found', flags: found });
      if (progress) send({ type: 'scan-progress', ...progress });
      found = [];
      progress = null;
    };
    const schedule = () => {
      if (performance.now() - lastFlush >= SCAN_FLUSH_MS) flush();
      else timer ??= setTimeout(flush, SCAN_FLUSH_MS);
    };

    (async () => {
      const started = await backend.start({
        onStatus: (message) => send({ type: 'status', message }),
        onWarning: (message) => send({ type: 'warning', message }),
      });
      journal.current = started.journal;
      for (const message of started.warnings) send({ type: 'warning', message });
      send({ type: 'journal-opened', scorer: started.scorer, snapshot: snapshot(started.journal) });
      const result = await backend.scan({
        onFlag: (flag) => {
          found.push(flag);
          schedule();
        },
        onProgress: (done, total) => {
          progress = { done, total };
          schedule();
        },
      });
      flush();
      send({ type: 'scan-done', flags: result.flags, analyses: result.analyses });
    })().catch((error: unknown) => {
      if (alive) onExit(error instanceof Error ? error : new Error(String(error)));
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, []);

  const pending = state.pending;
  useEffect(() => {
    if (!pending || ran.current === pending.id) return;
    ran.current = pending.id;
    const { id, effect } = pending;
    if (effect.kind === 'quit') {
      opts.current.onExit();
      return;
    }
    runEffect(effect, journal.current, opts.current.backend).then(
      (result) => dispatch({ type: 'effect-done', id, result }),
      (error: unknown) =>
        dispatch({ type: 'effect-failed', id, message: error instanceof Error ? error.message : String(error) }),
    );
  }, [pending]);

  return [state, dispatch];
}

async function runEffect(effect: Effect, journal: ReviewJournal | null, backend: ReviewBackend): Promise<EffectResult> {
  if (effect.kind === 'export') {
    const { file, count } = await backend.exportDecisions();
    return { kind: 'exported', file, count };
  }
  if (!journal) throw new Error('the journal is not open yet');
  if (effect.kind === 'decide') await journal.decide(effect.input);
  else if (effect.kind === 'decide-batch') await journal.decideBatch(effect.inputs);
  else if (effect.kind === 'undo') await journal.undo();
  else if (effect.kind === 'redo') await journal.redo();
  return { kind: 'decisions', snapshot: snapshot(journal) };
}
