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
            }
        }
        System.out.println("1.." + n);
        System.exit(failed == 0 ? 0 : 1);
    }
}
