package dev.hourglass.testkit.cli;

/**
 * An input the user gave cannot be used (a missing or malformed history file, a bad literal):
 * exit 64 with the message alone — it names the file, line and what was expected — and no
 * usage text, which would only bury it.
 */
final class BadInputException extends RuntimeException {
  BadInputException(String message) {
    super(message, null, false, false);
  }
}
