/** Implementation details of the test servers: the Docker probe. Not an API. */
@NullMarked
package dev.snapshotstore.testservers.internal;

import org.jspecify.annotations.NullMarked;
