// The store backends every parameterised test runs against (shared with the other test projects), under the
// short names this project's tests use.
global using Backend = NewsPipeline.TestSupport.StoreBackend;
global using Backends = NewsPipeline.TestSupport.StoreBackends;
