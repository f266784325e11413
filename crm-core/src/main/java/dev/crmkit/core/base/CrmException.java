package dev.crmkit.core.base;

/**
 * Implemented by every exception crmkit throws on purpose, so a host can tell them from its own
 * and from the JVM's. An interface, not a class, so that the named kinds stay subclasses of the
 * standard exceptions hosts already catch:
 *
 * <table>
 *   <caption>The kinds</caption>
 *   <tr><th>type</th><th>extends</th><th>when</th></tr>
 *   <tr><td>{@link InvalidInputException}</td><td>{@code IllegalArgumentException}</td>
 *       <td>a value the caller passed is not valid (message: field, quoted value, what was
 *       expected)</td></tr>
 *   <tr><td>{@link NotFoundException}</td><td>{@code InvalidInputException}</td>
 *       <td>an id names no record (a customer: {@link UnknownCustomerException})</td></tr>
 *   <tr><td>{@link ConflictException}</td><td>{@code InvalidInputException}</td>
 *       <td>an id or code is already taken</td></tr>
 *   <tr><td>{@link InvalidStateException}</td><td>{@code IllegalStateException}</td>
 *       <td>the record's state refuses the operation (a CLOSED case, a follow-up done)</td></tr>
 *   <tr><td>{@link StoreException}</td><td>{@code RuntimeException}</td>
 *       <td>the store failed; {@link StoreUnavailableException} when it is transient
 *       (connection lost, deadlock, serialization failure after the retries):
 *       {@link #retryable()}</td></tr>
 * </table>
 *
 * <pre>{@code
 * try {
 *   desk.close(caseId);
 * } catch (NotFoundException e) {          // 404
 * } catch (InvalidInputException e) {      // 400
 * } catch (InvalidStateException | ConflictException e) { // 409
 * } catch (RuntimeException e) {
 *   if (e instanceof CrmException c && c.retryable()) { ... run the use case again ... }
 * }
 * }</pre>
 */
public interface CrmException {

  /** Whether running the same use case again may succeed (a transient store failure). */
  default boolean retryable() {
    return false;
  }
}
