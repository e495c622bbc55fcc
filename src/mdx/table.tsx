/** @jsxImportSource preact */

/** A slide table as rendered: a caption, header cells, and formatted cells (numbers marked). */
export interface RenderedTable {
  title: string;
  /** The dataset table it shows. */
  table: string;
  columns: Array<{ label: string; numeric: boolean }>;
  rows: string[][];
}

/**
 * A styled table of a dataset table's rows: a caption with the takeaway, a header row,
 * numbers right-aligned in tabular figures so their digits line up.
 */
export function DataTable({ table }: { table: RenderedTable }) {
  return (
    <figure class="fd-table" data-table={table.table}>
      <table class="fd-data-table">
        <caption class="fd-table-title">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" key={i} class={c.numeric ? "fd-cell-num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th
                    scope="row"
                    key={i}
                    class={table.columns[0]?.numeric ? "fd-cell-num" : undefined}
                  >
                    {cell}
                  </th>
                ) : (
                  <td key={i} class={table.columns[i]?.numeric ? "fd-cell-num" : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
