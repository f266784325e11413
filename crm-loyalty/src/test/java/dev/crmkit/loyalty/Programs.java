package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import java.util.List;

/** Program JSON and inputs shared by the tests. */
final class Programs {
  private Programs() {}

  /** A program in Europe/Berlin with the given parts; {@code rules} is a JSON array. */
  static LoyaltyProgram program(int pendingDays, String expiry, String returnPolicy, String rules, String extra) {
    return LoyaltyProgram.fromJson("""
        {"id": "test", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": %d,
         "expiry": %s, "returnPolicy": "%s", "rules": %s %s}
        """.formatted(pendingDays, expiry, returnPolicy, rules, extra == null ? "" : ", " + extra));
  }

  static final String ONE_PER_EURO =
      """
      [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"}]""";

  static LoyaltyProgram simple(String returnPolicy) {
    return program(0, "{\"policy\": \"never\"}", returnPolicy, ONE_PER_EURO,
        "\"vouchers\": [{\"id\": \"TEN\", \"usesPerCode\": 1, \"totalLimit\": 5, \"perMemberLimit\": 2, \"points\": 10}]");
  }

  static Purchase purchase(String member, String order, String... skuCategoryAmount) {
    List<Purchase.Line> lines = new java.util.ArrayList<>();
    for (int i = 0; i < skuCategoryAmount.length; i += 3) {
      lines.add(new Purchase.Line(skuCategoryAmount[i], skuCategoryAmount[i + 1], 1, Money.of(skuCategoryAmount[i + 2], "EUR")));
    }
    return new Purchase(CustomerId.of(member), order, lines);
  }

  static Purchase purchase(String member, String order, String amount) {
    return purchase(member, order, "SKU", "misc", amount);
  }
}
