/**
 * SVG definitions: hatches for sleeps and dead resources, the cause arrowhead
 * (once per page: the CSS refers to them by id, and an export copies them in),
 * and each timeline's own clip path (`prefix` keeps two timelines apart).
 */
export function Defs({ clipWidth, clipHeight, gutter, prefix = 'rl-', shared = true }: {
  clipWidth: number; clipHeight: number; gutter: number; prefix?: string; shared?: boolean;
}) {
  return (
    <defs>
      <clipPath id={`${prefix}plot-clip`}>
        <rect x={gutter} y={0} width={Math.max(0, clipWidth)} height={Math.max(0, clipHeight)} />
      </clipPath>
      {shared ? <SharedDefs /> : null}
    </defs>
  );
}

function SharedDefs() {
  return (
    <>
      <pattern id="rl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="pat-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="pat-line" strokeWidth="2.5" />
      </pattern>
      <pattern id="rl-freed" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pat-freed-bg" />
        <path d="M0,0L6,6M6,0L0,6" className="pat-freed-line" strokeWidth="1.2" />
      </pattern>
      <pattern id="rl-unmapped" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <rect width="5" height="5" className="pat-unmapped-bg" />
        <line x1="0" y1="0" x2="0" y2="5" className="pat-unmapped-line" strokeWidth="2" />
      </pattern>
      <pattern id="rl-dots" width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" className="pat-gated-bg" />
        <circle cx="2.5" cy="2.5" r="1.1" className="pat-gated-dot" />
      </pattern>
      <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0,0L10,5L0,10Z" className="arrowhead" />
      </marker>
    </>
  );
}
