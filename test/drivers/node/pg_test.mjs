// node-postgres (npm "pg") as a BI tool uses it: prepared, parameterized
// queries over the accessors, projection(), shares() and summary columns.
// Text results only: node-postgres's binary result mode passes every field
// through a UTF-8 string, which corrupts bytes that are not valid UTF-8
// (brianc/node-postgres#3495, open; a float8 of 1.5 reads as 0.99), so no
// client can rely on it.  Binary is tested through JDBC and COPY BINARY.
// Prints TAP.  Run by test/integration/drivers.sh.
import pg from "pg";

let count = 0;
let failed = 0;
function ok(cond, what) {
  count++;
  if (!cond) failed++;
  console.log(`${cond ? "ok" : "not ok"} ${count} - node-postgres: ${what}`);
}

const client = new pg.Client({ host: "127.0.0.1", port: Number(process.env.PGPORT), user: "postgres", database: "postgres" });
await client.connect();

for (const binary of [false]) {
  const mode = "text";
  let res = await client.query({
    name: `accessors-${mode}`,
    text: `SELECT parity_at(r), parity_point(r), ratio_trend(r, $1::interval), periods(r), r,
             parity_point(r)::text AS point_text, (extract(epoch FROM parity_at(r)) * 1000)::text AS ms
           FROM (SELECT rivalry_agg(month, tag, posts, $2, $3) AS r FROM so_posts WHERE month >= $4) s`,
    values: ["1 year", "python", "java", "2010-01-01"],
    binary,
  });
  const row = res.rows[0];
  ok(row.parity_at instanceof Date, `${mode}: parity_at() is a Date`);
  ok(Math.abs(row.parity_at.getTime() - Number(row.ms)) < 1, `${mode}: the instant the server computed, to the millisecond`);
  ok(typeof row.parity_point === "number" && row.parity_point === Number(row.point_text), `${mode}: parity_point() is a number, exact`);
  ok(typeof row.ratio_trend === "number" && row.ratio_trend > 0, `${mode}: ratio_trend() with an interval parameter is a number`);
  ok(typeof row.periods === "number" && row.periods > 100, `${mode}: periods() is a number`);
  ok(typeof row.r === "string" && row.r.startsWith('{"version":1,"time":"date","periods":[["2010-01-01"'), `${mode}: a summary comes back as its text`);
  res = await client.query({ text: "SELECT $1::rivalry = r AS same FROM stored WHERE id = $2", values: [row.r, 1] });
  ok(res.rows[0].same === true, `${mode}: the text sent back as a parameter is the stored summary`);

  res = await client.query({
    name: `projection-${mode}`,
    text: `SELECT "time", observed_share, fitted_share, lower, upper
           FROM projection((SELECT r FROM stored WHERE id = $1), $2, $3::interval)`,
    values: [1, new Date(Date.UTC(2021, 6, 1)), "1 month"],
    binary,
  });
  const rows = res.rows;
  ok(rows.length === 139 && rows.filter((r) => r.observed_share === null).length === 12,
     `${mode}: projection() gives 127 observed months and 12 steps (${rows.length})`);
  ok(rows.every((r, i) => r.time instanceof Date && typeof r.fitted_share === "number" &&
                 r.lower <= r.fitted_share && r.fitted_share <= r.upper && (i === 0 || rows[i - 1].time < r.time)),
     `${mode}: each row a Date and numbers, the fit inside its band, times increasing`);

  res = await client.query({
    name: `shares-${mode}`,
    text: "SELECT label, share, overall_share, rank FROM shares((SELECT m FROM stored WHERE id = $1)) ORDER BY rank",
    values: [1],
    binary,
  });
  const total = res.rows.reduce((s, r) => s + r.share, 0);
  ok(res.rows.length === 14 && res.rows[0].label === "python" && Math.abs(total - 1) < 1e-12 &&
     res.rows.every((r) => typeof r.share === "number" && typeof r.rank === "number"),
     `${mode}: shares() of 14 labels sum to 1, python ranks first`);
}

await client.end();
console.log(`1..${count}`);
process.exit(failed === 0 ? 0 : 1);
