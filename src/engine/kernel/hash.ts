/**
 * A streaming 64-bit string hash (two independent 32-bit multiply-xor lanes, cyrb53-style).
 * Not cryptographic: it fingerprints traces so two runs can be compared byte for byte.
 */
export class Hasher {
  constructor(
    private h1 = 0xdeadbeef,
    private h2 = 0x41c6ce57,
  ) {}

  update(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // Fold the length in so "ab"+"c" and "a"+"bc" differ.
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909) ^ text.length;
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.h1 = h1 >>> 0;
    this.h2 = h2 >>> 0;
    return this;
  }

  /** Mixes one 16-bit code (a type tag, a length) without finalising: for structural hashing. */
  mixCode(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
  }

  /** Mixes a string, length first so consecutive strings cannot run together. */
  mixString(text: string): void {
    const n = text.length;
    let h1 = Math.imul(this.h1 ^ n, 2654435761);
    let h2 = Math.imul(this.h2 ^ n, 1597334677);
    // Four UTF-16 units per step, two into each lane: this is the trace's hottest loop. Each lane
    // sees half the text; together they still fingerprint all of it in 64 bits.
    let i = 0;
    for (; i + 3 < n; i += 4) {
      h1 = Math.imul(h1 ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 2654435761);
      h2 = Math.imul(h2 ^ (text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16)), 1597334677);
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * Mixes a recorded HashTape: the same state as the mixCode/mixString calls it recorded, without
   * walking the value again. The two lanes never mix before `digest` and are of one length (every
   * recorded step feeds both), so one loop advances both chains of multiplications side by side.
   */
  replay(tape: HashTape): void {
    const a = tape.lane1;
    const b = tape.lane2;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < a.length; i++) {
      h1 = Math.imul(h1 ^ a[i], 2654435761);
      h2 = Math.imul(h2 ^ b[i], 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    return (this.h2 >>> 0).toString(16).padStart(8, '0') + (this.h1 >>> 0).toString(16).padStart(8, '0');
  }

  state(): [number, number] {
    return [this.h1 >>> 0, this.h2 >>> 0];
  }

  static fromState([h1, h2]: [number, number]): Hasher {
    return new Hasher(h1, h2);
  }
}

/**
 * What a run of Hasher.mixCode / mixString calls feeds each lane, recorded once so that
 * Hasher.replay can mix it again for the price of the multiplications alone. The methods mirror
 * Hasher's exactly (tests/unit/api/shared-token-volume.test.ts checks replay against the calls).
 * Each step adds one entry to both lanes, so the lanes are always of one length (replay relies on
 * it).
 */
export class HashTape {
  private readonly a: number[] = [];
  private readonly b: number[] = [];
  lane1 = new Int32Array(0);
  lane2 = new Int32Array(0);

  mixCode(c: number): void {
    this.a.push(c | 0);
    this.b.push(c | 0);
  }

  mixString(text: string): void {
    const n = text.length;
    this.mixCode(n);
    let i = 0;
    for (; i + 3 < n; i += 4) {
      this.a.push(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
      this.b.push(text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16));
    }
    for (; i < n; i++) this.mixCode(text.charCodeAt(i));
  }

  /** Fixes the recording into the typed lanes replay reads. */
  seal(): this {
    this.lane1 = Int32Array.from(this.a);
    this.lane2 = Int32Array.from(this.b);
    return this;
  }
}

/** FNV-1a over a string's UTF-16 code units, 32 bits. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
