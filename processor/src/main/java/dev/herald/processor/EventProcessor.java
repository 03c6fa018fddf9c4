package dev.herald.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.herald.Event;
import dev.herald.EventKey;
import dev.herald.asyncapi.AsyncApiGenerator;
import dev.herald.model.HeraldModel;
import dev.herald.model.ModelJson;
import dev.herald.model.Naming;
import dev.herald.model.output.GeneratedFile;
import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import dev.herald.processor.emit.CatalogWriter;
import dev.herald.processor.emit.CodecWriter;
import dev.herald.processor.emit.JavaTypes;
import dev.herald.processor.emit.ModelExport;
import dev.herald.processor.emit.ServiceFileWriter;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.EventModel;
import dev.herald.processor.model.ModelExtractor;
import dev.herald.processor.model.Reach;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.validation.CatalogValidator;
import dev.herald.processor.validation.DeclarationValidator;
import dev.herald.processor.validation.EventValidator;
import dev.herald.ts.generate.FrontendFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The Herald annotation processor. Per round: read each {@code @Event} record into the model,
 * validate it, and write the codecs of what it reaches. In the first round in which no event waits
 * for a type that does not exist yet (usually the first), it also writes the catalog; in the last
 * round the services file, the event index, {@code model.json}, and from that model the TypeScript
 * and the AsyncAPI document. The first round also takes the events an earlier compilation of the
 * same output folder indexed and this one does not compile (a partial build), as long as their classes still
 * exist and are still {@code @Event}: a compilation never forgets an event.
 *
 * <p>It never lets an exception reach javac: a failure is reported as an error on the element being
 * processed, and processing goes on with the next one.
 */
@AutoService(Processor.class)
public final class EventProcessor extends AbstractProcessor {
    static final String TYPESCRIPT_RESOURCES = "META-INF/herald/typescript/";

    private Reporter reporter;
    private ModelExtractor extractor;
    private SourceOrigin origin;
    private DeclarationValidator declarations;
    private EventValidator validator;
    private CatalogValidator catalogValidator;
    private ProcessorOptions options;

    /** Valid events of all rounds, by record name. */
    private final Map<String, EventModel> events = new TreeMap<>();
    /** Records whose model needs a type that does not exist yet, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Codec classes written so far, by qualified name. */
    private final Set<String> writtenCodecs = new HashSet<>();

    /** Whether the first round has read the index of an earlier compilation. */
    private boolean indexRead;

    /** The catalog once written (at most once a compilation), with what it was written from. */
    private WrittenCatalog catalog;

    private record WrittenCatalog(String name, List<EventModel> events, Reach reach) {}

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        reporter = new Reporter(env.getMessager());
        extractor = new ModelExtractor(env);
        origin = new SourceOrigin(env);
        declarations = new DeclarationValidator(reporter);
        validator = new EventValidator(reporter);
        catalogValidator = new CatalogValidator(reporter);
        options = ProcessorOptions.read(env.getOptions(), reporter);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Event.class.getCanonicalName(), EventKey.class.getCanonicalName());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.NAMES;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            if (round.processingOver()) {
                finish(round);
            } else {
                processRound(round);
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.report(HeraldMessage.INTERNAL_ERROR, "this round", stackTrace(e));
        }
        // Claim our own annotations: no other processor acts on them, and unclaimed ones make
        // -Xlint:processing warn.
        return true;
    }

    private void processRound(RoundEnvironment round) {
        extractor.startRound();
        validator.startRound();
        Map<String, TypeElement> candidates = new TreeMap<>();
        for (String name : deferred) {
            TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
            if (element != null) {
                candidates.put(name, element);
            }
        }
        deferred.clear();
        if (!indexRead) {
            indexRead = true;
            candidates.putAll(indexedEarlier());
        }
        Set<? extends Element> annotated = round.getElementsAnnotatedWith(Event.class);
        for (Element element : annotated) {
            if (guarded(element, () -> declarations.check(element))) {
                TypeElement type = (TypeElement) element;
                candidates.put(type.getQualifiedName().toString(), type);
            }
        }
        List<EventModel> accepted = new ArrayList<>();
        for (Map.Entry<String, TypeElement> candidate : candidates.entrySet()) {
            guarded(candidate.getValue(), () -> {
                EventModel model = extractor.readEvent(candidate.getValue());
                switch (validator.check(model)) {
                    case VALID -> accepted.add(model);
                    case DEFER -> deferred.add(candidate.getKey());
                    case INVALID -> {}
                }
                return true;
            });
        }
        if (catalog != null && !accepted.isEmpty()) {
            // The catalog is written once, in the first round with every event known (javac
            // re-enters every tree in each round a file is generated, so a later catalog costs a
            // whole extra round). An event that only another processor's output brings is too late.
            for (EventModel late : accepted) {
                reporter.report(
                        late.record().element(),
                        HeraldMessage.EVENT_AFTER_CATALOG,
                        late.record().qualifiedName(),
                        catalog.name());
            }
            return;
        }
        if (!catalogValidator.checkCount(events.size(), accepted)) {
            return; // nothing more is generated; the error says why
        }
        accepted.forEach(model -> events.put(model.record().qualifiedName(), model));
        writeCodecs(Reach.of(accepted));

        boolean complete = deferred.isEmpty();
        if (complete && catalog == null && !events.isEmpty() && !round.errorRaised() && reporter.errorCount() == 0) {
            Set<String> fresh = new HashSet<>();
            accepted.forEach(model -> fresh.add(model.record().qualifiedName()));
            writeCatalog(fresh);
        }
    }

    /**
     * The events an earlier compilation of this output folder indexed whose classes still resolve
     * and still carry {@code @Event}; this compilation's sources replace them where they overlap.
     */
    private Map<String, TypeElement> indexedEarlier() {
        Map<String, TypeElement> kept = new TreeMap<>();
        for (String binaryName : EventIndex.read(processingEnv.getFiler())) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(binaryName.replace('$', '.'));
            if (type != null && type.getAnnotation(Event.class) != null) {
                kept.put(type.getQualifiedName().toString(), type);
            }
        }
        return kept;
    }

    private void writeCodecs(Reach reach) {
        for (RecordModel record : reach.records()) {
            guarded(
                    record.element(),
                    () -> writeCodec(
                            record.element(), JavaTypes.codecName(record), () -> CodecWriter.recordCodec(record)));
        }
        for (EnumModel model : reach.enums()) {
            guarded(
                    model.element(),
                    () -> writeCodec(model.element(), JavaTypes.codecName(model), () -> CodecWriter.enumCodec(model)));
        }
    }

    private boolean writeCodec(TypeElement type, ClassName codec, Supplier<CodecWriter.Source> file) {
        String codecName = codec.canonicalName();
        if (!writtenCodecs.add(codecName)) {
            return true;
        }
        if (origin.isFromClassFile(type) && processingEnv.getElementUtils().getTypeElement(codecName) != null) {
            return true; // a library compiled with Herald ships its own codec
        }
        CodecWriter.Source source = file.get();
        return writeSource(source.name().canonicalName(), source.text(), type);
    }

    /** Writes the catalog; {@code fresh} names the events extracted in this round. */
    private void writeCatalog(Set<String> fresh) {
        // Elements of earlier rounds may have lost their source positions: read those events afresh.
        List<EventModel> sorted = new ArrayList<>();
        for (String name : events.keySet()) {
            TypeElement element = fresh.contains(name)
                    ? null
                    : processingEnv.getElementUtils().getTypeElement(name);
            sorted.add(element == null ? events.get(name) : extractor.readEvent(element));
        }
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        Reach reach = Reach.of(sorted);
        ClassName name = options.catalog() != null ? options.catalog() : defaultCatalog(sorted);
        if (name == null || !catalogNameFree(name, sorted)) {
            return;
        }
        if (!catalogValidator.check(
                sorted,
                reach.records(),
                reach.enums(),
                name.packageName(),
                name.canonicalName(),
                options.groupNames())) {
            return;
        }
        JavaFile file = CatalogWriter.catalog(name, sorted, reach.records(), reach.enums());
        Element[] origins = sorted.stream().map(e -> e.record().element()).toArray(Element[]::new);
        if (writeJava(file, origins)) {
            catalog = new WrittenCatalog(name.canonicalName(), sorted, reach);
        }
    }

    /**
     * Whether the catalog may take {@code name}: no type of that name exists, or it is a catalog
     * (Herald's own from an earlier build, which this one replaces).
     */
    private boolean catalogNameFree(ClassName name, List<EventModel> sorted) {
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(name.canonicalName());
        if (existing == null
                || existing.getInterfaces().stream()
                        .anyMatch(i -> i.toString().equals(JavaTypes.EVENT_CATALOG.canonicalName()))) {
            return true;
        }
        boolean inSource = !origin.isFromClassFile(existing);
        reporter.report(
                inSource ? existing : sorted.get(0).record().element(),
                HeraldMessage.CATALOG_NAME_TAKEN,
                name.canonicalName(),
                name.packageName().isEmpty() ? "AppEvents" : name.packageName() + ".AppEvents");
        return false;
    }

    /** {@code Events} in the longest package that every event's package starts with. */
    private ClassName defaultCatalog(List<EventModel> sorted) {
        Set<String> packages = new TreeSet<>();
        sorted.forEach(e -> packages.add(e.record().packageName()));
        Optional<String> common = Naming.catalogPackage(packages);
        if (common.isEmpty()) {
            reporter.report(
                    sorted.get(0).record().element(), HeraldMessage.CATALOG_NO_PACKAGE, String.join(", ", packages));
            return null;
        }
        return ClassName.get(common.get(), "Events");
    }

    private void finish(RoundEnvironment round) {
        for (String name : deferred) {
            TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
            EventModel model = element == null ? null : extractor.readEvent(element);
            String missing = model == null ? name : MissingTypes.describe(model);
            reporter.report(element, HeraldMessage.MISSING_TYPE, name, missing);
        }
        if (catalog == null
                && !events.isEmpty()
                && deferred.isEmpty()
                && !round.errorRaised()
                && reporter.errorCount() == 0) {
            writeCatalog(Set.of()); // events arrived in the last possible round
        }
        if (catalog == null) {
            return;
        }
        Element[] origins =
                events.values().stream().map(e -> e.record().element()).toArray(Element[]::new);
        writeResource(ServiceFileWriter.PATH, ServiceFileWriter.content(catalog.name()), origins);
        List<String> binaryNames = new ArrayList<>();
        events.values()
                .forEach(e -> binaryNames.add(processingEnv
                        .getElementUtils()
                        .getBinaryName(e.record().element())
                        .toString()));
        writeResource(EventIndex.PATH, EventIndex.content(binaryNames), origins);
        HeraldModel model = ModelExport.of(catalog.name(), catalog.events(), catalog.reach());
        writeResource(HeraldModel.PATH, ModelJson.write(model), origins);
        writeFrontendFiles(model, origins);
    }

    /**
     * The TypeScript folder and the AsyncAPI document: into the class output (so they travel in the
     * jar), and into the folders the options name.
     */
    private void writeFrontendFiles(HeraldModel model, Element[] origins) {
        FrontendFiles files = FrontendFiles.generate(model, options.output());
        for (GeneratedFile file : files.typeScript()) {
            writeResource(TYPESCRIPT_RESOURCES + file.fileName(), file.content(), origins);
        }
        writeResource(AsyncApiGenerator.PATH, files.asyncApi(), origins);
        if (options.tsOutputDir() != null) {
            try {
                files.writeTypeScript(options.tsOutputDir());
            } catch (IOException | RuntimeException e) {
                reporter.report(HeraldMessage.WRITE_FAILED, options.tsOutputDir(), e.toString());
            }
        }
        if (options.asyncApiOutput() != null) {
            try {
                files.writeAsyncApi(options.asyncApiOutput());
            } catch (IOException | RuntimeException e) {
                reporter.report(HeraldMessage.WRITE_FAILED, options.asyncApiOutput(), e.toString());
            }
        }
    }

    private boolean writeJava(JavaFile file, Element... origins) {
        String name = file.packageName().isEmpty()
                ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        return writeSource(name, file.toString(), origins);
    }

    private boolean writeSource(String name, String text, Element... origins) {
        try {
            try (Writer writer =
                    processingEnv.getFiler().createSourceFile(name, origins).openWriter()) {
                writer.write(text);
            }
            return true;
        } catch (IOException e) {
            reporter.report(origins.length > 0 ? origins[0] : null, HeraldMessage.WRITE_FAILED, name, e.getMessage());
            return false;
        }
    }

    void writeResource(String path, String content, Element... origins) {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
            try (Writer writer = file.openWriter()) {
                writer.write(content);
            }
        } catch (IOException e) {
            reporter.report(HeraldMessage.WRITE_FAILED, path, e.getMessage());
        }
    }

    /** Runs one element's work; a failure becomes an error on that element instead of a javac crash. */
    private boolean guarded(Element element, BooleanSupplier work) {
        try {
            return work.getAsBoolean();
        } catch (RuntimeException | LinkageError e) {
            reporter.report(element, HeraldMessage.INTERNAL_ERROR, element, stackTrace(e));
            return false;
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
