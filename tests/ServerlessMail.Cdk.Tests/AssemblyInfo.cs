// The jsii runtime is one node process per test process, and its first start unpacks the library into a shared
// temporary directory: two classes starting it at once collide. One class at a time (each synthesizes once).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
