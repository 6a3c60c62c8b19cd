// Reads a QR code the way a phone's authenticator app would, from its modules alone: format
// information, unmasking, the zigzag codeword order, de-interleaving and the byte-mode segment
// (ISO/IEC 18004). It needs no error correction because the modules come straight from the page's
// SVG; it supports level M only, the level Lanyard draws, and fails loudly on anything else.

/** Error-correction level M, per version 1–40: [blocks, total codewords, data codewords] (x1 or x2 groups), ISO/IEC 18004 table 9. */
const BLOCKS_M: number[][] = [
  [1, 26, 16], [1, 44, 28], [1, 70, 44], [2, 50, 32], [2, 67, 43], [4, 43, 27], [4, 49, 31], [2, 60, 38, 2, 61, 39],
  [3, 58, 36, 2, 59, 37], [4, 69, 43, 1, 70, 44], [1, 80, 50, 4, 81, 51], [6, 58, 36, 2, 59, 37], [8, 59, 37, 1, 60, 38],
  [4, 64, 40, 5, 65, 41], [5, 65, 41, 5, 66, 42], [7, 73, 45, 3, 74, 46], [10, 74, 46, 1, 75, 47], [9, 69, 43, 4, 70, 44],
  [3, 70, 44, 11, 71, 45], [3, 67, 41, 13, 68, 42], [17, 68, 42], [17, 74, 46], [4, 75, 47, 14, 76, 48], [6, 73, 45, 14, 74, 46],
  [8, 75, 47, 13, 76, 48], [19, 74, 46, 4, 75, 47], [22, 73, 45, 3, 74, 46], [3, 73, 45, 23, 74, 46], [21, 73, 45, 7, 74, 46],
  [19, 75, 47, 10, 76, 48], [2, 74, 46, 29, 75, 47], [10, 74, 46, 23, 75, 47], [14, 74, 46, 21, 75, 47], [14, 74, 46, 23, 75, 47],
  [12, 75, 47, 26, 76, 48], [6, 75, 47, 34, 76, 48], [29, 74, 46, 14, 75, 47], [13, 74, 46, 32, 75, 47], [40, 75, 47, 7, 76, 48],
  [18, 75, 47, 31, 76, 48],
]
const FORMAT_MASK = 0x5412
const LEVEL_M = 0

const MASKS: ((row: number, col: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r * c) % 3) + ((r + c) % 2)) % 2 === 0,
]

/** Centres of the alignment patterns (ISO/IEC 18004 annex E). */
function alignmentCentres(version: number): number[] {
  if (version === 1) return []
  const size = version * 4 + 17
  const count = Math.floor(version / 7) + 2
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (count * 2 - 2)) * 2
  const centres = [6]
  for (let position = size - 7; centres.length < count; position -= step) centres.splice(1, 0, position)
  return centres
}

/** Modules that belong to function patterns, never to data. */
function functionModules(version: number): boolean[][] {
  const size = version * 4 + 17
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false))
  const mark = (top: number, left: number, height: number, width: number) => {
    for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) if (r >= 0 && c >= 0 && r < size && c < size) reserved[r]![c] = true
  }
  mark(0, 0, 9, 9) // finder, separator and format information
  mark(0, size - 8, 9, 8)
  mark(size - 8, 0, 8, 9)
  mark(6, 0, 1, size) // timing patterns
  mark(0, 6, size, 1)
  const centres = alignmentCentres(version)
  for (const r of centres) {
    for (const c of centres) {
      const overlapsFinder = (r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6)
      if (!overlapsFinder) mark(r - 2, c - 2, 5, 5)
    }
  }
  if (version >= 7) {
    mark(0, size - 11, 6, 3)
    mark(size - 11, 0, 3, 6)
  }
  return reserved
}

/** `modules[row][col]` is true for a dark module; no quiet zone. */
export function decodeQr(modules: boolean[][]): string {
  const size = modules.length
  const version = (size - 17) / 4
  if (!Number.isInteger(version) || version < 1 || version > 40) throw new Error(`not a QR code size: ${size}`)
  const dark = (r: number, c: number) => modules[r]?.[c] === true

  // Format information next to the top-left finder, bit i of 15 (the layout of the vertical copy).
  let format = 0
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i
    if (dark(row, 8)) format |= 1 << i
  }
  const data = (format ^ FORMAT_MASK) >> 10
  if (data >> 3 !== LEVEL_M) throw new Error('only error-correction level M is supported')
  const mask = MASKS[data & 7]!

  const reserved = functionModules(version)
  const bits: number[] = []
  let upward = true
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right = 5 // the vertical timing pattern takes a whole column
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step
      for (const col of [right, right - 1]) {
        if (!reserved[row]![col]) bits.push(Number(dark(row, col) !== mask(row, col)))
      }
    }
    upward = !upward
  }
  const codewords: number[] = []
  for (let i = 0; i + 8 <= bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0))

  const table = BLOCKS_M[version - 1]!
  const dataPerBlock: number[] = []
  for (let group = 0; group < table.length; group += 3) {
    for (let n = 0; n < table[group]!; n++) dataPerBlock.push(table[group + 2]!)
  }
  const blocks: number[][] = dataPerBlock.map(() => [])
  let next = 0
  for (let index = 0; index < Math.max(...dataPerBlock); index++) {
    dataPerBlock.forEach((count, block) => {
      if (index < count) blocks[block]!.push(codewords[next++]!)
    })
  }
  const stream = blocks.flat().flatMap((byte) => [7, 6, 5, 4, 3, 2, 1, 0].map((shift) => (byte >> shift) & 1))
  const read = (start: number, length: number) => stream.slice(start, start + length).reduce((value, bit) => value * 2 + bit, 0)

  if (read(0, 4) !== 0b0100) throw new Error('only a single byte-mode segment is supported')
  const lengthBits = version < 10 ? 8 : 16
  const length = read(4, lengthBits)
  const bytes = Array.from({ length }, (_, i) => read(4 + lengthBits + i * 8, 8))
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/** The modules of the SVG Lanyard draws: one `M<x> <y>h1v1h-1z` square per dark module, inside a quiet zone. */
export function modulesFromSvgPath(path: string, viewBoxSize: number, quietZone = 4): boolean[][] {
  const size = viewBoxSize - 2 * quietZone
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false))
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) modules[Number(y) - quietZone]![Number(x) - quietZone] = true
  return modules
}
