package dev.crmkit.bench.scoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The peer of {@code crm rfm} in the end-to-end benchmark: DuckDB (in-process, through its JDBC
 * driver) reads the same CSV and writes the same columns with one SQL statement.
 *
 * <p>The SQL is the usual way to do RFM in a database: {@code ntile(5)} over recency, frequency
 * and monetary, and the same R x F segment grid as crm's default table. Unlike crm, {@code
 * ntile} splits equal values across scores arbitrarily.
 *
 * <pre>{@code
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.scoring.DuckDbRfm TX.csv 2024-12-31 OUT.csv
 * }</pre>
 */
public final class DuckDbRfm {
  private DuckDbRfm() {}

  /** The statement: one COPY of the RFM query, as a user of DuckDB would write it. */
  static String sql(Path input, LocalDate asOf, Path output) {
    String d = "DATE '" + asOf + "'";
    return "COPY ("
        + " WITH s AS ("
        + "  SELECT customer_id, " + d + " - max(date) AS recency_days,"
        + "         count(*) AS frequency, sum(amount) AS monetary"
        + "  FROM read_csv('" + input + "', header = true,"
        + "       columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})"
        + "  WHERE date <= " + d
        + "  GROUP BY customer_id),"
        + " q AS ("
        + "  SELECT *, ntile(5) OVER (ORDER BY recency_days DESC) AS r,"
        + "         ntile(5) OVER (ORDER BY frequency) AS f,"
        + "         ntile(5) OVER (ORDER BY monetary) AS m"
        + "  FROM s)"
        + " SELECT customer_id, recency_days, frequency, monetary, r, f, m,"
        + "  CASE"
        + "   WHEN r = 5 AND f >= 4 THEN 'Champions'"
        + "   WHEN r BETWEEN 3 AND 4 AND f >= 4 THEN 'Loyal Customers'"
        + "   WHEN r >= 4 AND f BETWEEN 2 AND 3 THEN 'Potential Loyalist'"
        + "   WHEN r = 5 AND f = 1 THEN 'New Customers'"
        + "   WHEN r = 4 AND f = 1 THEN 'Promising'"
        + "   WHEN r = 3 AND f = 3 THEN 'Need Attention'"
        + "   WHEN r = 3 AND f <= 2 THEN 'About To Sleep'"
        + "   WHEN r <= 2 AND f BETWEEN 3 AND 4 THEN 'At Risk'"
        + "   WHEN r <= 2 AND f = 5 THEN 'Can''t Lose Them'"
        + "   WHEN r <= 2 AND f <= 2 THEN 'Lost'"
        + "   ELSE 'Others' END AS segment"
        + " FROM q"
        + ") TO '" + output + "' (HEADER, DELIMITER ',')";
  }

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]).toAbsolutePath();
    LocalDate asOf = LocalDate.parse(args[1]);
    Path output = Path.of(args[2]).toAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql(input, asOf, output));
    }
  }
}
