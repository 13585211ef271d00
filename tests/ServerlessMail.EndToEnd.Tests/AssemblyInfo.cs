// Each test picks free ports and releases them before its serve process binds them; with test classes in parallel,
// another class's server or client can take one in between ("address already in use"). One at a time, as in
// ServerlessMail.Hosting.Tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
