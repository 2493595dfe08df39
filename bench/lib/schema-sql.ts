/**
 * SQL that the benchmark sends past the app's data layer, built from the
 * tables in `db/schema.ts`, so that a column renamed or added there changes
 * the benchmark's statements with it.
 */
import { type SQL, getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * One INSERT of many rows of `table`, all of them in one JSON parameter read
 * by `json_to_recordset` (so no limit on a statement's parameters applies,
 * whatever the number of rows). Rows are keyed by the schema's property
 * names; the columns are those of the first row, the others take their
 * defaults. Column names and types come from the table's definition.
 */
export function insertFromJson<T extends PgTable>(table: T, rows: Partial<T["$inferInsert"]>[]): SQL {
  if (rows.length === 0) throw new Error("insertFromJson: no rows");
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]);
  const used = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`insertFromJson: no column ${key}`);
    return column;
  });
  const names = sql.join(
    used.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const types = sql.join(
    used.map((column) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(used.map((column, i) => [column.name, (row as Record<string, unknown>)[keys[i]]]))),
  );
  return sql`insert into ${table} (${names}) select ${names} from json_to_recordset(${json}::json) as x(${types})`;
}
