package dev.crmkit.core.store;

import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.timeline.TimelineEntry;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The plain columns (schema V2) that orders, returns and interactions carry beside their JSON
 * body, so that the hot reads (scoring from the store, the timeline) need no JSON parsing:
 * written with every insert and update, back-filled by the V2 migration.
 *
 * <ul>
 *   <li>{@code crm_order}: {@code amount} (paid), {@code list_amount}, {@code currency},
 *       {@code category} (of the line with the largest amount paid, the first on a tie),
 *       {@code channel}, {@code summary} (the timeline's one line);
 *   <li>{@code crm_return}: {@code amount} (the refund), {@code currency}, {@code channel},
 *       {@code summary};
 *   <li>{@code crm_interaction}: {@code channel}, {@code interaction_type}, {@code summary}.
 * </ul>
 *
 * @param <T> the record's type
 */
abstract class ReadColumns<T> {

  private final List<String> names;

  private ReadColumns(List<String> names) {
    this.names = names;
  }

  /** The column names, in the order {@link #set} binds them. */
  final List<String> names() {
    return names;
  }

  /** Binds the columns of {@code record} from parameter {@code from} on. */
  abstract void set(PreparedStatement ps, int from, T record) throws SQLException;

  static final ReadColumns<Order> ORDER = new ReadColumns<>(
      List.of("amount", "list_amount", "currency", "category", "channel", "summary")) {
    @Override
    void set(PreparedStatement ps, int from, Order o) throws SQLException {
      ps.setBigDecimal(from, o.amountPaid().amount());
      ps.setBigDecimal(from + 1, o.listAmount().amount());
      ps.setString(from + 2, o.currency().getCurrencyCode());
      ps.setString(from + 3, category(o));
      ps.setString(from + 4, o.channel().name());
      ps.setString(from + 5, new TimelineEntry.PurchaseEntry(o).summary());
    }
  };

  static final ReadColumns<Return> RETURN = new ReadColumns<>(
      List.of("amount", "currency", "channel", "summary")) {
    @Override
    void set(PreparedStatement ps, int from, Return r) throws SQLException {
      ps.setBigDecimal(from, r.refund().amount());
      ps.setString(from + 1, r.currency().getCurrencyCode());
      ps.setString(from + 2, r.channel().name());
      ps.setString(from + 3, new TimelineEntry.ReturnEntry(r).summary());
    }
  };

  static final ReadColumns<Interaction> INTERACTION = new ReadColumns<>(
      List.of("channel", "interaction_type", "summary")) {
    @Override
    void set(PreparedStatement ps, int from, Interaction i) throws SQLException {
      ps.setString(from, i.channel().name());
      ps.setString(from + 1, i.type().name());
      ps.setString(from + 2, new TimelineEntry.InteractionEntry(i).summary());
    }
  };

  /** No extra columns (records in {@code crm_record}). */
  static <T> ReadColumns<T> none() {
    return new ReadColumns<>(List.of()) {
      @Override
      void set(PreparedStatement ps, int from, T record) {}
    };
  }

  /** The category of the order's line with the largest amount paid (the first on a tie). */
  static String category(Order o) {
    String category = null;
    BigDecimal largest = null;
    for (LineItem line : o.lines()) {
      BigDecimal paid = line.amountPaid().amount();
      if (largest == null || paid.compareTo(largest) > 0) {
        largest = paid;
        category = line.category();
      }
    }
    return category;
  }
}
