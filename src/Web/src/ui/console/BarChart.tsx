/**
 * A small bar chart (SVG, no library) with the same figures as a table beside it for screen readers and for
 * anyone who wants the numbers: the SVG is hidden from assistive technology, the table is the content.
 * Bars may be stacked in up to three series (e.g. sign-ups and attendances per day).
 */
export type BarSeries = { readonly name: string; readonly values: ReadonlyArray<number>; readonly colour?: 'red' | 'black' | 'muted' };

export function BarChart({ caption, labels, series, format = (n) => String(n), height = 160, figuresLabel }: {
  caption: string; labels: ReadonlyArray<string>; series: ReadonlyArray<BarSeries>;
  format?: (n: number) => string; height?: number;
  /** Folds a long table of the figures behind a disclosure with these words (e.g. an hour's 60 minutes); shown open when unset. */
  figuresLabel?: string;
}) {
  const max = Math.max(1, ...labels.map((_, i) => series.reduce((sum, s) => Math.max(sum, s.values[i] ?? 0), 0)));
  const groups = labels.length;
  const width = Math.max(groups * series.length * 14 + groups * 8, 120);
  const barWidth = (width / groups - 8) / series.length;
  const figures = (
    <div className="table-scroll">
      <table className="data-table">
        <thead><tr><th scope="col">{''}</th>{series.map((s) => <th scope="col" key={s.name} className="number">{s.name}</th>)}</tr></thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}><th scope="row">{label}</th>{series.map((s) => <td key={s.name} className="number">{format(s.values[i] ?? 0)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {groups === 0 ? <p className="muted">Nothing to show yet.</p> : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false" className="chart__bars">
            {labels.map((label, i) => series.map((s, j) => {
              const value = s.values[i] ?? 0;
              const h = Math.round((value / max) * (height - 4));
              return <rect key={`${label}-${s.name}`} className={`chart__bar chart__bar--${s.colour ?? (j === 0 ? 'red' : 'black')}`}
                x={i * (width / groups) + 4 + j * barWidth} y={height - h} width={Math.max(barWidth - 2, 1)} height={h} />;
            }))}
          </svg>
          {series.length > 1 ? (
            <ul className="chart__legend" aria-hidden="true">
              {series.map((s, j) => <li key={s.name}><span className={`chart__key chart__bar--${s.colour ?? (j === 0 ? 'red' : 'black')}`} />{s.name}</li>)}
            </ul>
          ) : null}
          {figuresLabel ? <details className="chart__figures"><summary>{figuresLabel}</summary>{figures}</details> : figures}
        </>
      )}
    </figure>
  );
}
