// A QR code drawn here from the text, as SVG: an authenticator URI holds a secret, so it is never
// sent to a remote QR service. Each dark module is one unit square of one path.
import qrcode from 'qrcode-generator'

/** Four modules of light margin, as the QR specification asks for reliable scanning. */
const QUIET_ZONE = 4

export function qrPath(text: string): { size: number; path: string } {
  // Type 0 picks the smallest version that fits; level M survives a little screen glare.
  const code = qrcode(0, 'M')
  // The library writes each character's low byte: hand it the UTF-8 bytes as characters.
  code.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte')
  code.make()
  const count = code.getModuleCount()
  const parts: string[] = []
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`)
    }
  }
  return { size: count + 2 * QUIET_ZONE, path: parts.join('') }
}

/** `null` when the text does not fit any QR version (the library throws past about 2.3 KB at level M). */
export function tryQrPath(text: string): { size: number; path: string } | null {
  try {
    return qrPath(text)
  } catch {
    return null
  }
}

/** The code, or `tooLong` in its place: the text comes from a server and may not fit. */
export function QrCode({ text, label, tooLong }: { text: string; label: string; tooLong: string }) {
  const drawn = tryQrPath(text)
  if (drawn === null) {
    return (
      <p role="alert" class="error">
        {tooLong}
      </p>
    )
  }
  const { size, path } = drawn
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 4} height={size * 4} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
