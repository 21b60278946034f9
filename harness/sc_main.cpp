// libsystemc references sc_main, and hilbench never calls it: points elaborate in their own
// processes (harness/bench/point_runner), tests in theirs. This one definition goes into every
// executable, so none depends on the linker dropping an unused libsystemc; it is weak, so a
// program may still define its own.
extern "C" __attribute__((weak)) int sc_main(int, char*[]) { return 3; }
