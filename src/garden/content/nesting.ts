/**
 * The nesting of a page, measured in one linear pass that never recurses: an upper bound on each kind
 * (blocks, inline markup, HTML elements, MDX expressions, entities, underscore runs), never less than
 * what the parsers will build, so a page that passes `limitProblems` (limits.ts, which also says why
 * each limit is what it is) cannot overflow a stack downstream.
 */

/** The limits, with the figure each one guards against. */
export const LIMITS = {
  /** Bytes of a page body (UTF-8). 1 MiB is ~150,000 words, ten times the longest page of the sample garden's sources. */
  bodyBytes: 1024 * 1024,
  /** Lists and block quotes inside each other. */
  blockDepth: 100,
  /** Emphasis (`*`, `_`, `~`) and link or image brackets open at once in one paragraph. */
  inlineDepth: 100,
  /** HTML (or, in MDX, JSX) elements inside each other, outside code. */
  htmlDepth: 100,
  /** The same, counting tags this scan takes for code too (in case it misread the code). */
  htmlDepthAnywhere: 500,
  /** Brackets `( [ {` inside each other in MDX expressions and `import`/`export` (Sätteri crashes at 5,000). */
  expressionDepth: 100,
  /** The same, counting brackets in what this scan takes for fenced code too. */
  expressionDepthAnywhere: 1000,
  /**
   * Character references (`&amp;`, `&#65;`) in one paragraph. Sätteri is quadratic in them: 20,000
   * `&amp;` in a paragraph take 2.7 s in markdownToMdast, 50,000 overflow its string pool (a thrown
   * "Cannot create a string longer than 0x1fffffe8 characters" after 50 s). 1,000 take 8 ms.
   */
  entitiesPerParagraph: 1000,
  /**
   * Runs of `_` inside one word (no whitespace between): Sätteri is quadratic in them, in code
   * spans too (`a__` × 40,000: 14 s; `a_` × 100,000: 58 s). A snake_case name has a handful.
   */
  underscoreRunsPerWord: 256,
} as const;

/** The deepest point of one kind of nesting: its depth, and the first body line (1-based) that went over the limit, if any did. */
export interface Peak {
  depth: number;
  /** The 1-based line of the body where the depth first exceeded the limit. */
  over?: number;
}

/** What `measureNesting` found in a body. */
export interface Nesting {
  block: Peak;
  inline: Peak;
  html: Peak;
  htmlAnywhere: Peak;
  expression: Peak;
  expressionAnywhere: Peak;
  /** Character references in one paragraph. */
  entities: Peak;
  /** Runs of `_` in one word. */
  underscores: Peak;
}

/** Character codes the scan compares with. */
export const C = {
  Tab: 9,
  LF: 10,
  CR: 13,
  Space: 32,
  Bang: 33,
  Quote: 34,
  Apos: 39,
  LParen: 40,
  RParen: 41,
  Star: 42,
  Plus: 43,
  Dash: 45,
  Dot: 46,
  Slash: 47,
  Zero: 48,
  Nine: 57,
  Lt: 60,
  Gt: 62,
  Question: 63,
  LBracket: 91,
  Backslash: 92,
  RBracket: 93,
  Underscore: 95,
  Backtick: 96,
  LBrace: 123,
  RBrace: 125,
  Tilde: 126,
} as const;

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isWhitespaceCode = (c: number) => c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 11 || c === 12;
export const UNICODE_SPACE = /\s/u;
const UNICODE_PUNCT = /[\p{P}\p{S}]/u;

/** CommonMark's whitespace for flanking rules; NaN (the start or end of a line) counts as whitespace. */
function isSpaceAt(s: string, i: number, end: number, start: number): boolean {
  if (i < start || i >= end) return true;
  const c = s.charCodeAt(i);
  return c < 128 ? isWhitespaceCode(c) : UNICODE_SPACE.test(s[i]!);
}
function isPunctAt(s: string, i: number, end: number, start: number): boolean {
  if (i < start || i >= end) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
  return UNICODE_PUNCT.test(s[i]!);
}

/** Elements that never hold children, so their start tags open nothing. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Table parts for which parse5 inserts the missing parents (`<td>` in a table gets a `<tbody>` and a `<tr>`). */
const WEIGHT: Record<string, number> = { td: 3, th: 3, tr: 2, colgroup: 2 };

/**
 * Brackets of JavaScript in MDX (`{…}` expressions, attribute values, `import`/`export`), counted
 * with a tokenizer that may misread: wherever it might be inside a string, comment, template or
 * regular expression it still counts opening brackets but ignores closing ones, so a misreading
 * can only raise the count.
 */
class ExpressionDepth {
  depth = 0;
  /** Open `{` of the expression itself; the expression ends when it returns to 0. */
  private braces = 0;
  private others = 0;
  /** 0, or the character that ends the literal we may be inside: a quote, a backtick, `/`, LF (a line comment) or `*` (a block comment). */
  private literal = 0;
  private escaped = false;
  /** The slash that ended a block comment, not to be read again. */
  private skip = false;
  /** ESM (`import`/`export` lines) runs to a blank line. */
  esm = false;

  /** Feeds one character; `next` is the one after it (LF at the end of a line). */
  feed(c: number, next: number): void {
    if (this.skip) {
      this.skip = false;
      return;
    }
    if (this.braces === 0 && !this.esm) {
      if (c === C.LBrace) this.braces = 1;
      this.update();
      return;
    }
    if (this.literal) {
      if (c === C.LParen || c === C.LBracket || c === C.LBrace) {
        this.others++;
        this.update();
      }
      if (this.escaped) this.escaped = false;
      else if (c === C.Backslash) this.escaped = true;
      else if (this.literal === C.Star) {
        if (c === C.Star && next === C.Slash) {
          this.literal = 0;
          this.skip = true;
        }
      } else if (c === this.literal || (c === C.LF && this.literal !== C.Backtick)) this.literal = 0;
      return;
    }
    switch (c) {
      case C.Quote:
      case C.Apos:
      case C.Backtick:
        this.literal = c;
        return;
      case C.Slash:
        // `//` runs to the end of the line, `/*` to `*/`; any other `/` may start a regular expression.
        this.literal = next === C.Slash ? C.LF : next === C.Star ? C.Star : C.Slash;
        return;
      case C.LBrace:
        this.braces++;
        break;
      case C.LParen:
      case C.LBracket:
        this.others++;
        break;
      case C.RBrace:
        if (this.braces > 0) this.braces--;
        break;
      case C.RParen:
      case C.RBracket:
        if (this.others > 0) this.others--;
        break;
      default:
    }
    if (this.braces === 0 && !this.esm) this.others = 0;
    this.update();
  }
  private update() {
    this.depth = this.braces + this.others;
  }
  /** A blank line ends an `import`/`export` block. */
  blankLine(): void {
    if (this.esm) {
      this.esm = false;
      if (this.braces === 0) {
        this.others = 0;
        this.literal = 0;
        this.update();
      }
    }
  }
}

/** Tracks a peak: the deepest value seen and the first line that went over `limit`. */
function peakTracker(limit: number) {
  const p: Peak = { depth: 0 };
  return {
    peak: p,
    see(depth: number, line: number) {
      if (depth > p.depth) p.depth = depth;
      if (depth > limit && p.over === undefined) p.over = line;
    },
  };
}

/** A peak tracker (see `peakTracker`). */
type Tracker = ReturnType<typeof peakTracker>;

/** A line's prefix: indentation, `>` and list markers, as far as they go. */
interface LinePrefix {
  /** Where the line's content starts. */
  prefixEnd: number;
  /** Columns of indentation (a tab counts 4). */
  ws: number;
  quotes: number;
  markers: number;
  /** Nothing but whitespace after the prefix. */
  blank: boolean;
  /** The bullet of a line that may be a thematic break (`- - -`), 0 when it cannot be one. */
  hr: number;
}

/** Reads the prefix of the line `body[start, end)`. */
function linePrefix(body: string, start: number, end: number): LinePrefix {
  let i = start;
  let ws = 0;
  let quotes = 0;
  let markers = 0;
  let blank = true;
  let hr = -1;
  while (i < end) {
    const c = body.charCodeAt(i);
    if (c === C.Space) {
      ws++;
      i++;
    } else if (c === C.Tab) {
      ws += 4;
      i++;
    } else if (c === C.CR) i++;
    else if (c === C.Gt) {
      quotes++;
      i++;
    } else if ((c === C.Dash || c === C.Plus || c === C.Star) && (i + 1 === end || body.charCodeAt(i + 1) === C.Space || body.charCodeAt(i + 1) === C.Tab || body.charCodeAt(i + 1) === C.CR)) {
      markers++;
      hr = c !== C.Plus && (hr === -1 || hr === c) ? c : 0;
      i++;
    } else if (c >= C.Zero && c <= C.Nine) {
      let k = i;
      while (k < end && k - i < 10 && body.charCodeAt(k) >= C.Zero && body.charCodeAt(k) <= C.Nine) k++;
      const d = body.charCodeAt(k);
      const after = k + 1 === end ? C.Space : body.charCodeAt(k + 1);
      if ((d === C.Dot || d === C.RParen) && (after === C.Space || after === C.Tab || after === C.CR)) {
        markers++;
        hr = 0;
        i = k + 1;
      } else break;
    } else break;
  }
  const prefixEnd = i;
  for (let k = prefixEnd; k < end; k++) {
    const c = body.charCodeAt(k);
    if (!isWhitespaceCode(c)) {
      blank = false;
      break;
    }
  }
  return { prefixEnd, ws, quotes, markers, blank, hr };
}

/** Fenced code, as far as this scan can tell. */
class FenceScan {
  private fenceChar = 0;
  private fenceLen = 0;

  /** Whether the line whose content starts at `prefixEnd` is part of a fence (its opening and closing lines too). */
  line(body: string, prefixEnd: number, end: number): boolean {
    const fc = body.charCodeAt(prefixEnd);
    let runLen = 0;
    if (fc === C.Backtick || fc === C.Tilde) while (body.charCodeAt(prefixEnd + runLen) === fc && prefixEnd + runLen < end) runLen++;
    if (this.fenceChar) {
      if (fc === this.fenceChar && runLen >= this.fenceLen && body.slice(prefixEnd + runLen, end).trim() === '') this.fenceChar = 0;
      return true;
    }
    if (runLen >= 3 && (fc === C.Tilde || body.indexOf('`', prefixEnd + runLen) < 0 || body.indexOf('`', prefixEnd + runLen) >= end)) {
      this.fenceChar = fc;
      this.fenceLen = runLen;
      return true;
    }
    return false;
  }
}

/** HTML (and, in MDX, JSX) elements open: by name, outside code and anywhere, and whether a comment is open. */
class HtmlDepth {
  private readonly outsideByName = new Map<string, number>();
  private readonly anywhereByName = new Map<string, number>();
  private htmlOutside = 0;
  private htmlAll = 0;
  private comment = false;
  /** MDX: the end of the last tag read ahead (attributes are not tags), and whether a tag ran to the end. */
  private tagEnd = -1;
  private noTagEnds = false;

  private readonly body: string;
  private readonly mdx: boolean;
  private readonly html: Tracker;
  private readonly htmlAnywhere: Tracker;

  constructor(body: string, mdx: boolean, html: Tracker, htmlAnywhere: Tracker) {
    this.body = body;
    this.mdx = mdx;
    this.html = html;
    this.htmlAnywhere = htmlAnywhere;
  }

  /** Reads the character `c` at `k`: the end of a comment, or the start of a tag; `inCode` on a fence line or in a code span. */
  see(k: number, c: number, lineNo: number, inCode: boolean): void {
    const body = this.body;
    if (this.comment && c === C.Dash && body.startsWith('-->', k)) this.comment = false;
    if (c === C.Lt && k > this.tagEnd) {
      const n = body.charCodeAt(k + 1);
      // In a comment, a fence or a code span a tag counts only against the looser limit.
      if (isAsciiLetter(n) || n === C.Slash || n === C.Bang || (this.mdx && n === C.Gt)) this.readTag(k, lineNo, this.comment || inCode);
    }
  }

  /** The end of the JSX tag starting at `i` (the index of its `>`), or -1; quotes and `{…}` are skipped. */
  private jsxTagEnd(i: number): number {
    const body = this.body;
    let quote = 0;
    let braces = 0;
    for (let j = i; j < body.length; j++) {
      const c = body.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === C.Quote || c === C.Apos) quote = c;
      else if (c === C.LBrace) braces++;
      else if (c === C.RBrace) braces = Math.max(0, braces - 1);
      else if (c === C.Gt && braces === 0) return j;
    }
    return -1;
  }

  /** Reads the tag at `i` (a `<`); returns how far a scan may skip (never past the tag name). */
  private readTag(i: number, lineNo: number, inCode: boolean): number {
    const { body, mdx } = this;
    const n1 = body.charCodeAt(i + 1);
    if (n1 === C.Bang && body.startsWith('<!--', i)) {
      if (!inCode) this.comment = true;
      return i + 4;
    }
    const closing = n1 === C.Slash;
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    while (j < body.length) {
      const c = body.charCodeAt(j);
      if (isAsciiLetter(c) || (c >= C.Zero && c <= C.Nine) || c === C.Dash || c === C.Dot || c === 58 || c === C.Underscore) j++;
      else break;
    }
    const fragment = mdx && j === nameStart && body.charCodeAt(j) === C.Gt;
    if (j === nameStart && !fragment) return i + 1;
    if (!isAsciiLetter(body.charCodeAt(nameStart)) && !fragment) return i + 1;
    const name = fragment ? '#fragment' : body.slice(nameStart, j).toLowerCase();
    if (closing) {
      this.close(name, inCode);
      return j;
    }
    if (VOID.has(name) && !mdx) return j;
    if (mdx && !this.noTagEnds) {
      const end = this.jsxTagEnd(j);
      if (end < 0) this.noTagEnds = true;
      else {
        this.tagEnd = end;
        if (body.charCodeAt(end - 1) === C.Slash) return j;
      }
    }
    this.open(name, lineNo, inCode);
    return j;
  }

  private open(name: string, lineNo: number, inCode: boolean): void {
    const w = WEIGHT[name] ?? 1;
    this.anywhereByName.set(name, (this.anywhereByName.get(name) ?? 0) + 1);
    this.htmlAll += w;
    this.htmlAnywhere.see(this.htmlAll, lineNo);
    if (!inCode) {
      this.outsideByName.set(name, (this.outsideByName.get(name) ?? 0) + 1);
      this.htmlOutside += w;
      this.html.see(this.htmlOutside, lineNo);
    }
  }

  private close(name: string, inCode: boolean): void {
    const a = this.anywhereByName.get(name) ?? 0;
    if (a > 0) {
      this.anywhereByName.set(name, a - 1);
      this.htmlAll = Math.max(0, this.htmlAll - (WEIGHT[name] ?? 1));
    }
    const o = this.outsideByName.get(name) ?? 0;
    if (!inCode && o > 0) {
      this.outsideByName.set(name, o - 1);
      this.htmlOutside = Math.max(0, this.htmlOutside - (WEIGHT[name] ?? 1));
    }
  }
}

/** Inline markup of the current paragraph (reset by a blank line, which always ends one): emphasis, brackets, code spans, character references. */
class InlineDepth {
  private readonly opened = { [C.Star]: 0, [C.Underscore]: 0, [C.Tilde]: 0 } as Record<number, number>;
  private readonly both = { [C.Star]: 0, [C.Underscore]: 0, [C.Tilde]: 0 } as Record<number, number>;
  private brackets = 0;
  /** The length of the backtick run that opened the code span we are in, else 0. */
  codeSpan = 0;
  private angle = false;
  private entityCount = 0;
  private underscoreRuns = 0;

  private readonly body: string;
  private readonly inline: Tracker;
  private readonly entities: Tracker;
  private readonly underscores: Tracker;

  constructor(body: string, inline: Tracker, entities: Tracker, underscores: Tracker) {
    this.body = body;
    this.inline = inline;
    this.entities = entities;
    this.underscores = underscores;
  }

  /** A blank line ends the paragraph. */
  reset(): void {
    const { opened, both } = this;
    opened[C.Star] = opened[C.Underscore] = opened[C.Tilde] = 0;
    both[C.Star] = both[C.Underscore] = both[C.Tilde] = 0;
    this.brackets = 0;
    this.codeSpan = 0;
    this.angle = false;
    this.entityCount = 0;
  }

  /** A new line: runs of `_` are counted per word. */
  newLine(): void {
    this.underscoreRuns = 0;
  }

  private depth(): number {
    const { opened, both } = this;
    return opened[C.Star]! + opened[C.Underscore]! + opened[C.Tilde]! + both[C.Star]! + both[C.Underscore]! + both[C.Tilde]! + this.brackets;
  }

  /** Reads the character `c` at `k` of a line's content `[prefixEnd, end)`; returns the index of the last character it read. */
  read(k: number, c: number, prefixEnd: number, end: number, lineNo: number): number {
    const body = this.body;
    if (c === C.Space || c === C.Tab) this.underscoreRuns = 0;
    if (c === C.Backslash && this.codeSpan === 0) return k + 1;
    if (c === C.Backtick) {
      let r = 1;
      while (k + r < end && body.charCodeAt(k + r) === C.Backtick) r++;
      if (this.codeSpan === 0) this.codeSpan = r;
      else if (this.codeSpan === r) this.codeSpan = 0;
      return k + r - 1;
    }
    const quiet = this.codeSpan > 0 || this.angle;
    if (c === 38 /* & */) {
      const n = body.charCodeAt(k + 1);
      const n2 = body.charCodeAt(k + 2);
      if ((n === 35 /* # */ && ((n2 >= C.Zero && n2 <= C.Nine) || n2 === 120 || n2 === 88)) || isAsciiLetter(n)) this.entities.see(++this.entityCount, lineNo);
    }
    if (c === C.Lt && !quiet) {
      const n = body.charCodeAt(k + 1);
      if (isAsciiLetter(n) || n === C.Slash || n === C.Bang || n === C.Question) this.angle = true;
    } else if (c === C.Gt) this.angle = false;
    else if (c === C.LBracket) {
      this.brackets++;
      this.inline.see(this.depth(), lineNo);
    } else if (c === C.RBracket) {
      if (!quiet && this.brackets > 0) this.brackets--;
    } else if (c === C.Star || c === C.Underscore || c === C.Tilde) {
      return this.emphasisRun(k, c, prefixEnd, end, lineNo, quiet);
    }
    return k;
  }

  /** A run of `*`, `_` or `~` at `k`: it may open, close or both (CommonMark's flanking rules); returns the index of its last character. */
  private emphasisRun(k: number, c: number, prefixEnd: number, end: number, lineNo: number, quiet: boolean): number {
    const body = this.body;
    let r = 1;
    while (k + r < end && body.charCodeAt(k + r) === c) r++;
    if (c === C.Underscore) this.underscores.see(++this.underscoreRuns, lineNo);
    const before = k - 1;
    const after = k + r;
    const spaceBefore = isSpaceAt(body, before, end, prefixEnd);
    const spaceAfter = isSpaceAt(body, after, end, prefixEnd);
    const punctBefore = isPunctAt(body, before, end, prefixEnd);
    const punctAfter = isPunctAt(body, after, end, prefixEnd);
    const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
    const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
    const canOpen = c === C.Underscore ? left && (!right || punctBefore) : left;
    const canClose = c === C.Underscore ? right && (!left || punctAfter) : right;
    // Runs that may both open and close are never subtracted: CommonMark's rule of three can leave them open.
    if (canOpen && canClose) this.both[c]! += r;
    else if (canOpen) this.opened[c]! += r;
    else if (canClose && !quiet) this.opened[c] = Math.max(0, this.opened[c]! - r);
    this.inline.see(this.depth(), lineNo);
    return k + r - 1;
  }
}

/**
 * Measures, in one pass and without recursion, upper bounds on how deeply a body nests block
 * containers, inline markup, HTML/JSX elements and (MDX) expression brackets.
 */
export function measureNesting(body: string, format: 'md' | 'mdx'): Nesting {
  const block = peakTracker(LIMITS.blockDepth);
  const inline = peakTracker(LIMITS.inlineDepth);
  const html = peakTracker(LIMITS.htmlDepth);
  const htmlAnywhere = peakTracker(LIMITS.htmlDepthAnywhere);
  const expression = peakTracker(LIMITS.expressionDepth);
  const expressionAnywhere = peakTracker(LIMITS.expressionDepthAnywhere);
  const entities = peakTracker(LIMITS.entitiesPerParagraph);
  const underscores = peakTracker(LIMITS.underscoreRunsPerWord);
  const mdx = format === 'mdx';
  const expr = new ExpressionDepth();
  const exprAnywhere = new ExpressionDepth();
  const fence = new FenceScan();
  const tags = new HtmlDepth(body, mdx, html, htmlAnywhere);
  const markup = new InlineDepth(body, inline, entities, underscores);

  // Block containers: an upper bound on the containers open after the previous line.
  let open = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    lineNo++;

    const { prefixEnd, ws, quotes, blank, hr, ...prefix } = linePrefix(body, start, end);
    let markers = prefix.markers;
    if (blank && quotes === 0 && markers === 0) {
      markup.reset();
      expr.blankLine();
      exprAnywhere.blankLine();
      if (end >= body.length) break;
      start = end + 1;
      continue;
    }
    // `- - -` and `* * *` are thematic breaks, not lists.
    if (markers >= 3 && blank && hr > 0) markers = 0;
    // Each list item continued by indentation needs two columns of it (a marker and a space), each quote its `>`.
    const depth = Math.min(open, Math.floor(ws / 2) + quotes) + quotes + markers;
    if (depth > open) open = depth;
    block.see(depth, lineNo);
    // A new list item or quote starts a new paragraph only sometimes; the inline counts carry on (an over-count at worst).

    const fenceLine = fence.line(body, prefixEnd, end);
    if (mdx && !fenceLine && !expr.esm && expr.depth === 0 && (body.startsWith('import', start) || body.startsWith('export', start))) {
      expr.esm = true;
      exprAnywhere.esm = true;
    }
    if (mdx) {
      for (let k = prefixEnd; k <= end; k++) {
        const c = k < end ? body.charCodeAt(k) : C.LF;
        const next = k + 1 < end ? body.charCodeAt(k + 1) : C.LF;
        exprAnywhere.feed(c, next);
        expressionAnywhere.see(exprAnywhere.depth, lineNo);
        if (!fenceLine) {
          expr.feed(c, next);
          expression.see(expr.depth, lineNo);
        }
      }
    }

    markup.newLine();
    for (let k = prefixEnd; k < end; k++) {
      const c = body.charCodeAt(k);
      tags.see(k, c, lineNo, fenceLine || markup.codeSpan > 0);
      if (!fenceLine) k = markup.read(k, c, prefixEnd, end, lineNo);
    }
    if (end >= body.length) break;
    start = end + 1;
  }
  return {
    block: block.peak,
    inline: inline.peak,
    html: html.peak,
    htmlAnywhere: htmlAnywhere.peak,
    expression: expression.peak,
    expressionAnywhere: expressionAnywhere.peak,
    entities: entities.peak,
    underscores: underscores.peak,
  };
}
