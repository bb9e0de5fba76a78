/**
 * Building the reply tree of page text as its lines are read: comments in
 * reading order, each under the latest comment one level up, placeholders
 * where the copy left out an ancestor, bodies gathered line by line, and the
 * ambiguous headers settled once the whole tree is known.
 */
import { blankComment } from '../thread/blank.js';
import type { BodySink } from './quote-offload.js';
import type { Author, Badge, Comment, Post, Thread } from '../thread/schema.js';
import { ThreadAges } from './header-ages.js';
import type { HeaderReading } from './relative-time.js';
import { BlockBodies, buildPost } from './text-body.js';

export class TextTreeBuilder {
  private readonly postLines: string[] = [];
  private readonly comments: Comment[] = [];
  private readonly ages = new ThreadAges();
  /** comments[open[d - 1]] is the latest comment at depth d. */
  private readonly open: number[] = [];
  private readonly body = new BlockBodies();
  /** The comment whose body is being read; null while still in the post. */
  private current: Comment | null = null;
  /** The post, built when the first comment ends it. */
  private post: Post | null = null;
  /**
   * The last host and age kept: the next comment's, when equal, keeps the same
   * string, and its own copy dies young. Runs of one host or one age are
   * common, and every string a comment keeps is copied twice by the young
   * generation's collector (on the benchmark's 200,000-comment dump, this
   * took a sixth off that collector's time).
   */
  private lastHost: string | null = null;
  private lastAge: string | null = null;
  /** Comments handed to the sink so far. */
  private sent = 0;

  /** `sink` is given the post and then each comment, in reading order, as soon as its body is complete. */
  constructor(private readonly sink: BodySink | null = null) {}

  /** A non-blank line of the post or of the current comment's body. */
  addLine(line: string): void {
    if (this.current) this.body.addLine(line);
    else this.postLines.push(line);
  }

  addBlank(): void {
    if (this.current) this.body.addBlank();
    else this.postLines.push('');
  }

  /**
   * Opens the comment whose header is on line `line`, at `depth`, with the
   * header's readings of score and age and the author line's author, if any.
   */
  addComment(
    line: number,
    depth: number,
    readings: readonly HeaderReading[],
    author: { readonly author: Author; readonly badges: Badge[] } | null,
  ): void {
    const { open, ages } = this;
    const id = `L${line}`;
    if (this.current) {
      if (this.body.takeInto(this.current) && this.sink) this.sendBodies();
    } else this.endPost();
    // Ancestors the copy left out: placeholders keep the reply at its depth.
    if (open.length > depth - 1) open.length = depth - 1;
    while (open.length < depth - 1) {
      const parent = open.length === 0 ? -1 : open[open.length - 1]!;
      ages.add(parent, null);
      this.append(`${id}~${open.length + 1}`, parent).placeholder = true;
    }
    const parent = depth === 1 ? -1 : open[depth - 2]!;
    ages.add(parent, readings);
    const current = this.append(id, parent);
    this.current = current;
    current.line = line;
    if (author) {
      const who = author.author;
      if (who.instance !== null) who.instance = this.lastHost = sameAs(this.lastHost, who.instance);
      current.author = who;
      current.badges = author.badges;
    }
    if (readings.length === 1) {
      current.score = readings[0]!.score;
      current.age = this.lastAge = sameAs(this.lastAge, readings[0]!.age);
    } else current.scoreUncertain = true;
  }

  /** The thread read so far; call once, after the last line. */
  finish(): Thread {
    const { comments } = this;
    if (this.current) this.body.takeInto(this.current);
    else this.endPost();
    this.body.flush();
    if (this.sink) this.sendBodies();
    this.ages.settle((i, reading) => {
      comments[i]!.score = reading.score;
      comments[i]!.age = reading.age;
    });
    return { post: this.post!, comments };
  }

  /** The post's lines are complete (a comment begins, or the text ends). */
  private endPost(): void {
    this.post = buildPost(this.postLines);
    this.sink?.post(this.post);
  }

  /** Hands the sink every comment whose body is complete and it has not had. */
  private sendBodies(): void {
    const { comments, sink, ages } = this;
    for (let i = this.sent; i < comments.length; i++) sink!.comment(ages.parentOf(i), comments[i]!.body);
    this.sent = comments.length;
  }

  /** Appends a comment under comments[parent] (-1: top level) and opens it at its depth. */
  private append(id: string, parent: number): Comment {
    const { comments } = this;
    let comment: Comment;
    if (parent < 0) comment = blankComment(id, null, [id]);
    else {
      const above = comments[parent]!;
      // Sized exactly (slice then push over-allocates; concat is slow): every comment keeps its path.
      const n = above.path.length;
      const path = new Array<string>(n + 1);
      for (let i = 0; i < n; i++) path[i] = above.path[i]!;
      path[n] = id;
      comment = blankComment(id, above.id, path);
    }
    this.open.push(comments.length);
    comments.push(comment);
    return comment;
  }
}

/** `previous` when it equals `next` (one string kept for both), else `next`. */
function sameAs(previous: string | null, next: string): string {
  return previous === next ? previous : next;
}
