// Reads one AWS Query or EC2 Query answer straight into the describe-API
// JSON a snapshot stores, in one pass over the text, led by a read plan.
// The SDK reads the same bytes in three passes (a generic element tree
// built a character at a time, a schema walk, then our copy to plain JSON);
// on a 10k-ENI account that was most of the collector's time. What it keeps
// of the SDK's reading: entity decoding, CDATA, `\r\n` as `\n`,
// whitespace-only text with a newline as empty, empty elements as empty
// lists/structures, the SDK's own timestamp parsers, unknown elements
// skipped. Timestamps come out as ISO-8601 strings (what `toPlainJson` made
// of the SDK's Dates).
import { _parseEpochTimestamp, _parseRfc3339DateTimeWithOffset, _parseRfc7231DateTime } from '@smithy/core/serde';
import type { ListPlan, MapPlan, MemberPlan, ReadPlan, StructPlan, TimestampFormat } from './plan.js';

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

export class XmlAnswerError extends Error {
  // the code a call's entry in the snapshot's `errors` gets
  override readonly name: string = 'XmlAnswerError';

  constructor(message: string, at: number) {
    super(`malformed XML answer at character ${at}: ${message}`);
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;

/** The SDK's entity rule: numeric references, the five XML names, anything else dropped. */
function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    return ENTITIES[named] ?? '';
  });
}

const TIMESTAMP_PARSERS: Readonly<Record<TimestampFormat, (text: string) => Date | undefined>> = {
  5: _parseRfc3339DateTimeWithOffset,
  6: _parseRfc7231DateTime,
  7: _parseEpochTimestamp,
};

/** A scalar's value as the SDK reads it, timestamps as ISO-8601 text (the SDK's parsers throw on a malformed one). */
function scalarOf(plan: ReadPlan, text: string): unknown {
  switch (plan.kind) {
    case 'string':
      return text;
    case 'number':
      return Number(text);
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'timestamp':
      return TIMESTAMP_PARSERS[plan.format](text)?.toISOString();
    default:
      return emptyOf(plan);
  }
}

function emptyOf(plan: ReadPlan): unknown {
  if (plan.kind === 'list') return [];
  if (plan.kind === 'struct' || plan.kind === 'map') return {};
  return scalarOf(plan, '');
}

/** Whitespace-only text that spans lines is layout, not a value (the SDK's rule). */
function blankIfOnlyLineBreaks(text: string): string {
  return text.includes('\n') && text.trim() === '' ? '' : text;
}

/** Entities decoded and line breaks normalized, each only when present; `whole`: the element's entire text. */
function cleanText(text: string, whole: boolean): string {
  let clean = text;
  // line breaks first, as the SDK does on the whole document: a `&#xD;` written as a reference stays a carriage return
  if (clean.includes('\r')) clean = clean.replace(/\r\n?/g, '\n');
  if (clean.includes('&')) clean = decodeEntities(clean);
  return whole ? blankIfOnlyLineBreaks(clean) : clean;
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** A structure's members by the length of their element name: a start tag is matched without cutting its name out. */
type TagIndex = ReadonlyArray<ReadonlyArray<{ readonly tag: string; readonly member: MemberPlan }> | undefined>;

const tagIndexes = new WeakMap<StructPlan, TagIndex>();

function tagIndexOf(plan: StructPlan): TagIndex {
  let index = tagIndexes.get(plan);
  if (!index) {
    const byLength: { tag: string; member: MemberPlan }[][] = [];
    for (const [tag, member] of plan.members) (byLength[tag.length] ??= []).push({ tag, member });
    tagIndexes.set(plan, (index = byLength));
  }
  return index;
}

const AMPERSAND = 0x26;
const CR = 0x0d;
const LF = 0x0a;

/**
 * One pass over the answer. The element read last is known by where its name
 * lies in the text (`nameStart`, `nameEnd`): names are compared in place, and
 * only values are cut out of the text, which spares a 40 MB answer set
 * millions of short-lived strings.
 */
class PlanReader {
  private pos = 0;
  private nameStart = 0;
  private nameEnd = 0;
  /** whether the start tag read last closed itself (`<x/>`) */
  private selfClosing = false;

  constructor(private readonly xml: string) {}

  /** The root element read as `plan`. */
  readRoot(plan: StructPlan): Record<string, unknown> {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) throw new XmlAnswerError('no root element', this.pos);
      const next = xml.charCodeAt(lt + 1);
      if (next === BANG || next === QUESTION) {
        this.skipMarkup(lt);
        continue;
      }
      this.pos = lt;
      this.readStartTag();
      return this.selfClosing ? {} : this.readStruct(plan);
    }
  }

  /** The name of the element read last (for messages). */
  private name(): string {
    return this.xml.slice(this.nameStart, this.nameEnd);
  }

  /** Whether the element read last is named `tag`. */
  private named(tag: string): boolean {
    const length = tag.length;
    if (this.nameEnd - this.nameStart !== length) return false;
    const xml = this.xml;
    const start = this.nameStart;
    for (let k = 0; k < length; k++) {
      if (xml.charCodeAt(start + k) !== tag.charCodeAt(k)) return false;
    }
    return true;
  }

  private readStartTag(): void {
    const xml = this.xml;
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const c = xml.charCodeAt(i);
      // a name ends at whitespace, '/', '>' or the end of the text (NaN)
      if (c === GT || c === SLASH || c <= 0x20 || c !== c) break;
      i++;
    }
    if (i === start) throw new XmlAnswerError('an element without a name', this.pos);
    this.nameStart = start;
    this.nameEnd = i;
    let end = xml.indexOf('>', i);
    if (end < 0) throw new XmlAnswerError(`<${this.name()}> is not closed`, this.pos);
    if (end > i) end = this.endOfAttributes(i, end);
    this.selfClosing = xml.charCodeAt(end - 1) === SLASH;
    this.pos = end + 1;
  }

  /** The '>' that ends a start tag, past any '>' inside quoted attribute values. */
  private endOfAttributes(from: number, firstGt: number): number {
    const xml = this.xml;
    let i = from;
    let end = firstGt;
    while (i < end) {
      const c = xml.charCodeAt(i);
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        const close = xml.indexOf(c === DOUBLE_QUOTE ? '"' : "'", i + 1);
        if (close < 0) throw new XmlAnswerError('an attribute value is not closed', i);
        i = close + 1;
        if (i > end) {
          end = xml.indexOf('>', i);
          if (end < 0) throw new XmlAnswerError(`<${this.name()}> is not closed`, from);
        }
      } else {
        i++;
      }
    }
    return end;
  }

  /** Comments, CDATA outside text, processing instructions and DOCTYPE: passed over. */
  private skipMarkup(lt: number): void {
    const xml = this.xml;
    const [stop, length] = xml.startsWith('<!--', lt)
      ? ['-->', 3]
      : xml.startsWith('<![CDATA[', lt)
        ? [']]>', 3]
        : xml.startsWith('<?', lt)
          ? ['?>', 2]
          : ['>', 1];
    const end = xml.indexOf(stop, lt + 2);
    if (end < 0) throw new XmlAnswerError(`"${stop}" expected`, lt);
    this.pos = end + length;
  }

  /** The end tag at `lt`, which must close the element whose name lies at `nameStart`..`nameEnd`. */
  private readEndTag(lt: number, nameStart: number, nameEnd: number): void {
    const xml = this.xml;
    const from = lt + 2;
    const length = nameEnd - nameStart;
    let same = true;
    for (let k = 0; k < length; k++) {
      if (xml.charCodeAt(from + k) !== xml.charCodeAt(nameStart + k)) {
        same = false;
        break;
      }
    }
    const after = from + length;
    if (same && xml.charCodeAt(after) === GT) {
      this.pos = after + 1;
      return;
    }
    // whitespace before '>' is allowed; anything else is a mismatch
    const end = xml.indexOf('>', lt);
    if (!same || end < 0 || xml.slice(after, end).trim() !== '') {
      const open = xml.slice(nameStart, nameEnd);
      throw new XmlAnswerError(`<${open}> closed by </${xml.slice(from, end < 0 ? from + 40 : end)}>`, lt);
    }
    this.pos = end + 1;
  }

  /** The content of the element whose start tag was just read. */
  private readValue(plan: ReadPlan): unknown {
    if (this.selfClosing) return emptyOf(plan);
    switch (plan.kind) {
      case 'struct':
        return this.readStruct(plan);
      case 'list':
        return this.readList(plan);
      case 'map':
        return this.readMap(plan);
      default:
        return scalarOf(plan, this.readText());
    }
  }

  /**
   * The next child start tag, read; false at the parent's end tag. Text
   * between children is not part of a structure or list, so it is passed over.
   */
  private nextChild(parentStart: number, parentEnd: number): boolean {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) throw new XmlAnswerError(`<${xml.slice(parentStart, parentEnd)}> is not closed`, this.pos);
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.readEndTag(lt, parentStart, parentEnd);
        return false;
      }
      if (next === BANG || next === QUESTION) {
        this.skipMarkup(lt);
        continue;
      }
      this.pos = lt;
      this.readStartTag();
      return true;
    }
  }

  private memberNamedHere(index: TagIndex): MemberPlan | undefined {
    const candidates = index[this.nameEnd - this.nameStart];
    if (!candidates) return undefined;
    for (const candidate of candidates) {
      if (this.named(candidate.tag)) return candidate.member;
    }
    return undefined;
  }

  private readStruct(plan: StructPlan): Record<string, unknown> {
    const { nameStart, nameEnd } = this;
    const index = tagIndexOf(plan);
    const out: Record<string, unknown> = {};
    while (this.nextChild(nameStart, nameEnd)) {
      const member = this.memberNamedHere(index);
      if (!member) {
        this.skipElement();
      } else if (member.flat && member.plan.kind === 'list') {
        const item = this.readValue(member.plan.item);
        const list = out[member.name];
        if (Array.isArray(list)) list.push(item);
        else out[member.name] = [item];
      } else if (member.flat && member.plan.kind === 'map') {
        this.readMapEntry(member.plan, (out[member.name] ??= {}) as Record<string, unknown>);
      } else {
        const value = this.readValue(member.plan);
        if (value !== undefined) out[member.name] = value;
      }
    }
    return out;
  }

  private readList(plan: ListPlan): unknown[] {
    const { nameStart, nameEnd } = this;
    const out: unknown[] = [];
    while (this.nextChild(nameStart, nameEnd)) {
      if (this.named(plan.itemTag)) out.push(this.readValue(plan.item));
      else this.skipElement();
    }
    return out;
  }

  private readMap(plan: MapPlan): Record<string, unknown> {
    const { nameStart, nameEnd } = this;
    const out: Record<string, unknown> = {};
    while (this.nextChild(nameStart, nameEnd)) {
      if (this.named('entry')) this.readMapEntry(plan, out);
      else this.skipElement();
    }
    return out;
  }

  /** One `<entry><key>k</key><value>v</value></entry>` (or the flattened member holding them) into `out`. */
  private readMapEntry(plan: MapPlan, out: Record<string, unknown>): void {
    if (this.selfClosing) return;
    const { nameStart, nameEnd } = this;
    let key: string | undefined;
    let value: unknown;
    while (this.nextChild(nameStart, nameEnd)) {
      if (this.named(plan.keyTag)) key = this.selfClosing ? '' : this.readText();
      else if (this.named(plan.valueTag)) value = this.readValue(plan.value);
      else this.skipElement();
    }
    if (key !== undefined) setKey(out, key, value);
  }

  /** The text of the scalar element whose start tag was just read, up to its end tag. */
  private readText(): string {
    const xml = this.xml;
    const from = this.pos;
    const lt = xml.indexOf('<', from);
    // the usual case: plain text, then the end tag
    if (lt > 0 && xml.charCodeAt(lt + 1) === SLASH) {
      let plain = true;
      for (let i = from; i < lt; i++) {
        const c = xml.charCodeAt(i);
        if (c === AMPERSAND || c === CR || c === LF) {
          plain = false;
          break;
        }
      }
      const text = xml.slice(from, lt);
      this.readEndTag(lt, this.nameStart, this.nameEnd);
      return plain ? text : cleanText(text, true);
    }
    return this.readMixedText();
  }

  /** Text with CDATA, comments or stray elements inside. */
  private readMixedText(): string {
    const xml = this.xml;
    const { nameStart, nameEnd } = this;
    let text = '';
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) throw new XmlAnswerError(`<${xml.slice(nameStart, nameEnd)}> is not closed`, this.pos);
      if (lt > this.pos) text += cleanText(xml.slice(this.pos, lt), false);
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.readEndTag(lt, nameStart, nameEnd);
        break;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlAnswerError('CDATA is not closed', lt);
        text += xml.slice(lt + 9, end).replace(/\r\n?/g, '\n');
        this.pos = end + 3;
      } else if (next === BANG || next === QUESTION) {
        this.skipMarkup(lt);
      } else {
        // an element inside a scalar: not part of its value
        this.pos = lt;
        this.readStartTag();
        this.skipElement();
      }
    }
    return blankIfOnlyLineBreaks(text);
  }

  /**
   * Past the end of the element whose start tag was just read, whatever it
   * holds. Only nesting is followed inside: a member we do not read is not
   * checked for well-formedness (the SDK's tree parser would reject a broken one).
   */
  private skipElement(): void {
    if (this.selfClosing) return;
    const xml = this.xml;
    const { nameStart, nameEnd } = this;
    let depth = 1;
    while (depth > 0) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) throw new XmlAnswerError(`<${xml.slice(nameStart, nameEnd)}> is not closed`, this.pos);
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) {
        const end = xml.indexOf('>', lt);
        if (end < 0) throw new XmlAnswerError('an end tag is not closed', lt);
        this.pos = end + 1;
        depth--;
      } else if (next === BANG || next === QUESTION) {
        this.skipMarkup(lt);
      } else {
        this.pos = lt;
        this.readStartTag();
        if (!this.selfClosing) depth++;
      }
    }
  }
}

/**
 * The answer's members as plain JSON. `resultTag` is AWS Query's result
 * element (`<DescribeLoadBalancersResult>`); EC2 Query answers have none.
 */
export function readXmlAnswer(xml: string, plan: StructPlan, resultTag?: string): Record<string, unknown> {
  if (!resultTag) return new PlanReader(xml).readRoot(plan);
  const wrapper: StructPlan = { kind: 'struct', members: new Map([[resultTag, { name: 'result', plan, flat: false }]]) };
  return (new PlanReader(xml).readRoot(wrapper).result as Record<string, unknown> | undefined) ?? {};
}
