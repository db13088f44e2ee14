package org.shendu.backend.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the GPU tests without Maven, on the GPU machine (which has a Java runtime carried in but no
 * build tools): {@code java -cp '.gpu/lib/*' org.shendu.backend.cuda.GpuTestMain [class...]}.
 * Prints one line per test and a summary, and exits 1 when a test failed or none ran, or, with
 * {@code -Dshendu.requireGpu=true} (as run-on-device.sh runs it), when anything was skipped for
 * want of a GPU.
 */
public final class GpuTestMain {
    private static final List<String> DEFAULT = List.of(
            "org.shendu.backend.cuda.CudaBackendProviderTest",
            "org.shendu.backend.cuda.CudaBackendGpuTest",
            "org.shendu.backend.cuda.CudaOpTest",
            "org.shendu.backend.cuda.CudaLayerTest",
            "org.shendu.backend.cuda.CudaRecurrentTest",
            "org.shendu.backend.cuda.CudaSamplerTest",
            "org.shendu.backend.cuda.CudaTrainingParityTest");

    private GpuTestMain() {}

    public static void main(String[] args) throws ClassNotFoundException {
        List<String> names = args.length == 0 ? DEFAULT : List.of(args);
        List<ClassSelector> selectors = new ArrayList<>();
        for (String n : names) {
            selectors.add(selectClass(Class.forName(n)));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        int[] skipped = {0};
        TestExecutionListener lines = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                skipped[0]++;
                System.out.println("SKIP " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                String where = !id.isTest() ? "" : id.getParentId()
                        .map(p -> p.replaceAll(".*class:([^\\]]+).*", "$1").replaceAll(".*\\.", "")).orElse("");
                System.out.println("TEST " + result.getStatus() + " " + where + " " + id.getDisplayName()
                        + result.getThrowable().map(t -> ": " + t).orElse(""));
            }
        };
        launcher.execute(request, summary, lines);
        summary.getSummary().printTo(new PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new PrintWriter(System.out), 25);
        long failed = summary.getSummary().getTotalFailureCount();
        long ran = summary.getSummary().getTestsSucceededCount();
        // A class-level assumption (no GPU) aborts the class: it counts as aborted, not skipped.
        long aborted = summary.getSummary().getContainersAbortedCount() + summary.getSummary().getTestsAbortedCount();
        boolean requireGpu = Boolean.getBoolean("shendu.requireGpu");
        boolean pass = failed == 0 && ran > 0 && !(requireGpu && (aborted > 0 || skipped[0] > 0));
        System.out.println("RESULT gpu-tests " + (pass ? "PASS" : "FAIL") + " (" + ran + " passed, " + failed
                + " failed, " + (aborted + skipped[0]) + " skipped or aborted" + (requireGpu ? ", GPU required" : "")
                + ")");
        System.exit(pass ? 0 : 1);
    }
}
