// A minimal command line for veraPDF's validation engine (the Java library that
// veraPDF's own CLI runs: the greenfield parser, the validation model and the
// official validation profiles). scripts/install-pdf-validator compiles it against
// the engine and writes the `verapdf` launcher that runs it.
//
//   verapdf [--flavour ua1|3a|2u|...] [--format json|xml|mrr|text] FILE...
//   verapdf --version
//
// The report is veraPDF's own (the same JSON/XML as `verapdf --format json`).
// Exit status as veraPDF's CLI: 0 every file compliant, 1 a file is not compliant,
// 7 a file could not be parsed or validated (or a usage error).
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import org.verapdf.features.FeatureFactory;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.metadata.fixer.FixerFactory;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.validation.profiles.Profiles;
import org.verapdf.pdfa.validation.profiles.ValidationProfile;
import org.verapdf.pdfa.validation.validators.ValidatorConfig;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;
import org.verapdf.processor.BatchProcessingHandler;
import org.verapdf.processor.FormatOption;
import org.verapdf.processor.ProcessorConfig;
import org.verapdf.processor.ProcessorFactory;
import org.verapdf.processor.TaskType;
import org.verapdf.processor.plugins.PluginsCollectionConfig;
import org.verapdf.processor.reports.BatchSummary;

public final class VeraPdfCli {
    private static final int MAX_FAILED_CHECKS_PER_RULE = 100;

    private VeraPdfCli() {}

    public static void main(String[] args) throws Exception {
        PDFAFlavour flavour = PDFAFlavour.PDFUA_1;
        FormatOption format = FormatOption.JSON;
        List<File> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--version")) {
                System.out.println(version());
                System.exit(0);
            } else if ((arg.equals("--flavour") || arg.equals("-f")) && i + 1 < args.length) {
                flavour = PDFAFlavour.byFlavourId(args[++i]);
                if (flavour == PDFAFlavour.NO_FLAVOUR) {
                    usage("unknown flavour " + args[i]);
                }
            } else if (arg.equals("--format") && i + 1 < args.length) {
                format = FormatOption.fromOption(args[++i]);
            } else if (arg.startsWith("-")) {
                usage("unknown option " + arg);
            } else {
                files.add(new File(arg));
            }
        }
        if (files.isEmpty()) {
            usage("no file given");
        }
        VeraGreenfieldFoundryProvider.initialise();
        profile(flavour); // fails loudly when the profiles cannot be read
        ValidatorConfig validator =
                ValidatorFactory.createConfig(flavour, false, MAX_FAILED_CHECKS_PER_RULE, false);
        ProcessorConfig config = ProcessorFactory.fromValues(validator,
                FeatureFactory.defaultConfig(), PluginsCollectionConfig.defaultConfig(),
                FixerFactory.defaultConfig(), EnumSet.of(TaskType.VALIDATE));
        BatchProcessingHandler handler = ProcessorFactory.getHandler(format, false, System.out, false);
        BatchSummary summary = ProcessorFactory.fileBatchProcessor(config).process(files, handler);
        System.out.println();
        System.out.flush();
        if (summary.getFailedParsingJobs() + summary.getFailedEncryptedJobs()
                + summary.getVeraExceptions() + summary.getOutOfMemory() > 0) {
            System.exit(7);
        }
        System.exit(summary.getValidationSummary().getNonCompliantPdfaCount() > 0 ? 1 : 0);
    }

    private static ValidationProfile profile(PDFAFlavour flavour) {
        ValidationProfile profile =
                Profiles.getVeraProfileDirectory().getValidationProfileByFlavour(flavour);
        if (profile == null || profile.getRules().isEmpty()) {
            System.err.println("veraPDF: no validation profile for " + flavour.getId());
            System.exit(7);
        }
        return profile;
    }

    private static String version() throws IOException {
        VeraGreenfieldFoundryProvider.initialise();
        ValidationProfile ua1 = profile(PDFAFlavour.PDFUA_1);
        return "veraPDF core " + pom("org.verapdf", "core")
                + ", validation-model " + pom("org.verapdf", "validation-model")
                + " (PDF/UA-1 profile: " + ua1.getRules().size() + " rules)";
    }

    private static String pom(String group, String artifact) throws IOException {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = VeraPdfCli.class.getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        }
    }

    private static void usage(String problem) {
        System.err.println("verapdf: " + problem);
        System.err.println("usage: verapdf [--flavour ua1] [--format json|xml|mrr|text] FILE...");
        System.err.println("       verapdf --version");
        System.exit(7);
    }
}
