/** Small runnable examples of wiring each backend; each class has a {@code main} and one method a test calls. */
@NullMarked
package dev.snapshotstore.examples.wiring;

import org.jspecify.annotations.NullMarked;
