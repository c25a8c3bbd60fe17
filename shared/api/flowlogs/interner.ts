// Texts read from bytes, kept once each. A flow log repeats a few thousand
// distinct ids (interfaces, accounts, VPCs) over millions of records: the
// parser looks the bytes up here instead of making a string per field, and
// gets the same small integer (and string) for the same bytes every time.

const EMPTY = new Uint8Array(0);

export class Interner {
  /** slot -> entry index + 1 (0: empty) */
  private slots = new Int32Array(1024);
  private readonly hashes: number[] = [];
  private readonly bytes: Uint8Array[] = [];
  readonly texts: string[] = [];

  /** The index of the text of `source[start, end)`, added when new. */
  intern(source: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ source[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return this.add(source, start, end, hash, slot);
      if (this.hashes[entry] !== hash) continue;
      const known = this.bytes[entry]!;
      if (known.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known[i] !== source[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return entry;
    }
  }

  /** The index of a text given as a string (the ENIs of a snapshot, a test's values). */
  internText(text: string): number {
    const encoded = new TextEncoder().encode(text);
    return this.intern(encoded, 0, encoded.length);
  }

  private add(source: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const entry = this.texts.length;
    // a copy (Uint8Array, not Buffer.slice, which shares): the source buffer is reused
    const copy = end > start ? new Uint8Array(source.subarray(start, end)) : EMPTY;
    this.hashes.push(hash);
    this.bytes.push(copy);
    this.texts.push(latin1(copy));
    this.slots[slot] = entry + 1;
    if (this.texts.length * 2 > this.slots.length) this.grow();
    return entry;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, entry) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    });
    this.slots = slots;
  }
}

/** Flow log text is ASCII; anything else is kept byte for byte (and shown escaped where printed). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}
