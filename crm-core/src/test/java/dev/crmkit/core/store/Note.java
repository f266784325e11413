package dev.crmkit.core.store;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** A small record kept through {@link Records} in the contract tests. */
record Note(String id, CustomerId customerId, Instant at, Optional<String> topic, String text) {

  static final RecordType<Note> NOTES = RecordType.of("note", Note.class, Note::id,
      Note::customerId, Note::at).withRef(n -> n.topic().orElse(null));
  /** Another type with the same Java class: the same ids must not collide with notes. */
  static final RecordType<Note> MEMOS = RecordType.of("memo", Note.class, Note::id,
      Note::customerId, Note::at);

  Note withText(String value) {
    return new Note(id, customerId, at, topic, value);
  }
}
