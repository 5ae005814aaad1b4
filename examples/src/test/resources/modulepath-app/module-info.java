/**
 * A tiny application on the module path, compiled and run by ModulePathTest: it proves that the library's module
 * descriptors resolve, export what callers need, provide their plugins to ServiceLoader, and let Jackson read an
 * application's state (the state's package is opened to it, as any application on the module path must).
 */
module dev.snapshotstore.examples.modulepath {
  requires dev.snapshotstore.api;
  requires dev.snapshotstore.jackson;
  requires dev.snapshotstore.compression;
  requires dev.snapshotstore.rehydration;

  opens dev.snapshotstore.examples.modulepath.app to com.fasterxml.jackson.databind;
}
