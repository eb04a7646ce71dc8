// test/drivers/Drivers.java: the JDBC driver (Debian's libpostgresql-jdbc-java)
// as a BI tool uses it: prepared, parameterized queries over the accessors,
// projection(), shares() and summary columns, in text and in binary result
// format.  Numbers must come back as numbers, instants as timestamps,
// summaries as their text.  Prints TAP.  Run by test/integration/drivers.sh:
//   java -cp /usr/share/java/postgresql.jar test/drivers/Drivers.java
import java.sql.*;
import java.time.*;

public class Drivers {
    static int n = 0;
    static int failed = 0;

    static void ok(boolean cond, String what) {
        n++;
        if (!cond)
            failed++;
        System.out.println((cond ? "ok " : "not ok ") + n + " - jdbc: " + what);
    }

    // a timestamp a chart can place: years 1900 to 3000, never 292269055
    static boolean sane(Timestamp t) {
        int year = t.toLocalDateTime().getYear();
        return year >= 1900 && year <= 3000;
    }

    // The views of a GROUP BY with degenerate groups: numbers, NULLs and real
    // dates, never an error or a year 292269055.
    static void dashboard(Connection c, String mode) throws SQLException {
        PreparedStatement ps = c.prepareStatement(
            "SELECT grp, estimate, lower, upper, bounded FROM parity_by_group WHERE grp LIKE ? ORDER BY grp");
        ps.setString(1, "%");
        ResultSet rs = ps.executeQuery();
        java.util.Map<String, String> seen = new java.util.TreeMap<>();
        boolean dates = true;
        while (rs.next()) {
            StringBuilder s = new StringBuilder();
            for (int col = 2; col <= 4; col++) {
                Object v = rs.getObject(col);
                s.append(v == null ? "null" : "date").append(' ');
                dates &= v == null || (v instanceof Timestamp && sane((Timestamp) v));
            }
            Object b = rs.getObject(5);
            s.append(b == null ? "null" : b.toString());
            seen.put(rs.getString(1), s.toString());
        }
        ok(seen.toString().equals("{flat=date null null false, healthy=date date date true, "
                                  + "misspelled=null null null null, one_period=null null null null}"),
           mode + ": parity_interval over a GROUP BY: dates where bounded, NULLs that say why (" + seen + ")");
        ok(dates, mode + ": every parity_interval date a real one, no year 292269055");

        ps = c.prepareStatement("SELECT grp, band, \"time\", fitted_share, lower, upper FROM projection_by_group "
                                + "ORDER BY grp, \"time\", band");
        rs = ps.executeQuery();
        int rows = 0;
        boolean ok = true;
        boolean wider = true;
        double confidenceWidth = Double.NaN;
        while (rs.next()) {
            rows++;
            ok &= rs.getObject(3) instanceof Timestamp && sane(rs.getTimestamp(3));
            Object fit = rs.getObject(4);
            ok &= fit == null || fit instanceof Double;
            if (rs.getString(1).equals("healthy") && rs.getObject(5) != null) {
                double width = rs.getDouble(6) - rs.getDouble(5);
                if (rs.getString(2).equals("confidence"))
                    confidenceWidth = width;
                else
                    wider &= width > confidenceWidth;
            }
        }
        // healthy: 127 months and 12 steps; flat: 4 and 15; misspelled 127 and 12, one period 1 and 18; both bands
        ok(rows == 2 * (139 + 19 + 139 + 19) && ok,
           mode + ": projection, both bands, over every group: timestamps and Doubles or NULLs (" + rows + " rows)");
        ok(wider, mode + ": the prediction band is wider than the confidence band, row by row");

        ps = c.prepareStatement("SELECT grp, \"time\", point, a, b, a_rows, b_rows, share, ratio FROM periods_by_group");
        rs = ps.executeQuery();
        rows = 0;
        ok = true;
        while (rs.next()) {
            rows++;
            ok &= rs.getObject(2) instanceof Timestamp && sane(rs.getTimestamp(2))
                && rs.getObject(3) instanceof Double && rs.getObject(4) instanceof Double
                && rs.getObject(6) instanceof Long
                && (rs.getObject(8) == null || rs.getObject(8) instanceof Double);
            ok &= Math.abs(rs.getDouble(3) * 1000 - rs.getTimestamp(2).getTime()) < 1;
        }
        ok(rows == 127 + 1 + 4 + 127 && ok,
           mode + ": unnest() over every group: a timestamp, its epoch point, Doubles and Longs (" + rows + " rows)");
    }

    public static void main(String[] args) throws Exception {
        String port = System.getenv("PGPORT");
        // prepareThreshold=0: simple protocol, text results; -1: server-prepared
        // from the first execution, results in binary for the types pgjdbc reads so
        for (String mode : new String[] {"text", "binary"}) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
                + (mode.equals("binary") ? "&prepareThreshold=-1&binaryTransfer=true"
                                         : "&prepareThreshold=0&binaryTransfer=false");
            try (Connection c = DriverManager.getConnection(url)) {
                PreparedStatement ps = c.prepareStatement(
                    "SELECT parity_at(r), parity_point(r), ratio_trend(r, ?::interval), periods(r), r, "
                    + "parity_point(r)::text, (extract(epoch FROM parity_at(r)) * 1000)::bigint "
                    + "FROM (SELECT rivalry_agg(month, tag, posts, ?, ?) AS r FROM so_posts WHERE month >= ?) s");
                ps.setString(1, "1 year");
                ps.setString(2, "python");
                ps.setString(3, "java");
                ps.setObject(4, LocalDate.of(2010, 1, 1));
                ResultSet rs = ps.executeQuery();
                rs.next();
                ok(rs.getObject(1) instanceof Timestamp, mode + ": parity_at() is a java.sql.Timestamp");
                ok(rs.getTimestamp(1).getTime() == rs.getLong(7), mode + ": the instant the server computed, to the millisecond");
                ok(rs.getObject(2) instanceof Double
                   && rs.getDouble(2) == Double.parseDouble(rs.getString(6)), mode + ": parity_point() is a Double, exact");
                ok(rs.getObject(3) instanceof Double && rs.getDouble(3) > 0, mode + ": ratio_trend() with an interval parameter is a Double");
                ok(rs.getObject(4) instanceof Integer && rs.getInt(4) > 100, mode + ": periods() is an Integer");
                String r = rs.getString(5);
                ok(r != null && r.startsWith("{\"version\":1,\"time\":\"date\",\"periods\":[[\"2010-01-01\""),
                   mode + ": a summary comes back as its text");

                ps = c.prepareStatement("SELECT ?::rivalry = r FROM stored WHERE id = ?");
                ps.setString(1, r);
                ps.setInt(2, 1);
                rs = ps.executeQuery();
                rs.next();
                ok(rs.getBoolean(1), mode + ": the text sent back as a parameter is the stored summary");

                ps = c.prepareStatement("SELECT \"time\", observed_share, fitted_share, lower, upper, fitted_ratio "
                    + "FROM projection((SELECT r FROM stored WHERE id = ?), ?, ?::interval)");
                ps.setInt(1, 1);
                ps.setObject(2, OffsetDateTime.of(2021, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC));
                ps.setString(3, "1 month");
                rs = ps.executeQuery();
                int rows = 0;
                int future = 0;
                boolean typed = true;
                boolean banded = true;
                long previous = Long.MIN_VALUE;
                while (rs.next()) {
                    rows++;
                    typed &= rs.getObject(1) instanceof Timestamp && rs.getObject(3) instanceof Double;
                    banded &= rs.getDouble(4) <= rs.getDouble(3) && rs.getDouble(3) <= rs.getDouble(5);
                    banded &= rs.getTimestamp(1).getTime() > previous;
                    previous = rs.getTimestamp(1).getTime();
                    if (rs.getObject(2) == null)
                        future++;
                }
                ok(rows == 127 + 12 && future == 12, mode + ": projection() gives 127 observed months and 12 steps (" + rows + ")");
                ok(typed && banded, mode + ": each row a timestamp and Doubles, the fit inside its band, times increasing");

                ps = c.prepareStatement("SELECT label, share, overall_share, rank FROM shares((SELECT m FROM stored WHERE id = ?)) ORDER BY rank");
                ps.setInt(1, 1);
                rs = ps.executeQuery();
                double total = 0;
                int labels = 0;
                String first = null;
                boolean types = true;
                while (rs.next()) {
                    labels++;
                    if (first == null)
                        first = rs.getString(1);
                    total += rs.getDouble(2);
                    types &= rs.getObject(2) instanceof Double && rs.getObject(4) instanceof Integer;
                }
                ok(labels == 14 && "python".equals(first) && Math.abs(total - 1) < 1e-12 && types,
                   mode + ": shares() of 14 labels sum to 1, python ranks first");

                dashboard(c, mode);
            }
        }
        System.out.println("1.." + n);
        System.exit(failed == 0 ? 0 : 1);
    }
}
