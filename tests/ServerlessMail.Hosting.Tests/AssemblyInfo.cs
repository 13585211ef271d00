// The server tests pick free ports and release them before the server binds them; run in parallel, one test's
// outgoing connection or listener can take another's port in between ("Address already in use"). One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
