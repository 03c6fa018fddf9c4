package dev.herald.maven;

import dev.herald.model.HeraldModel;
import dev.herald.model.InvalidModelException;
import dev.herald.model.ModelConflictException;
import dev.herald.model.ModelMerge.Sourced;
import dev.herald.model.output.OutputSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes one TypeScript folder and one AsyncAPI document for the events of every module this one
 * depends on (and its own, when it has compiled some): the {@code META-INF/herald/model.json} each
 * Herald compilation leaves in its jar, merged. The output is byte for byte what the processor writes
 * for one module declaring all those events.
 */
@Mojo(
        name = "generate",
        defaultPhase = LifecyclePhase.GENERATE_RESOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The TypeScript folder: {@code events.ts}, the hooks and the client runtime. */
    @Parameter(
            property = "herald.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/herald",
            required = true)
    private File outputDirectory;

    /** How groups are spelled in hook names, where capitalising their words is not it: {@code <fs>FS</fs>}. */
    @Parameter
    private Map<String, String> groupNames;

    /** Write {@code event_hooks.ts} (React hooks). */
    @Parameter(property = "herald.react", defaultValue = "true")
    private boolean react;

    /** Write {@code event_query.ts} (TanStack Query hooks; needs {@code react}). */
    @Parameter(property = "herald.tanstack", defaultValue = "false")
    private boolean tanstack;

    /** The AsyncAPI document. */
    @Parameter(property = "herald.asyncapiOutput", defaultValue = "${project.build.directory}/asyncapi.json")
    private File asyncapiOutput;

    /** The document's title; by default the one the processor gives: {@code com.acme.Events events}. */
    @Parameter(property = "herald.asyncapiTitle")
    private String asyncapiTitle;

    /** The document's {@code info.version}. */
    @Parameter(property = "herald.asyncapiVersion", defaultValue = "1.0.0")
    private String asyncapiVersion;

    /** The endpoint's path, where it is not at the default. */
    @Parameter(property = "herald.asyncapiPath", defaultValue = OutputSettings.DEFAULT_PATH)
    private String asyncapiPath;

    @Parameter(property = "herald.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Herald: skipped");
            return;
        }
        FrontendOutput.Settings settings = settings();
        List<Sourced> models = new ArrayList<>();
        try {
            for (Artifact artifact : project.getArtifacts()) {
                if (artifact.getFile() != null) {
                    String origin =
                            artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion();
                    ModelFiles.read(artifact.getFile().toPath(), origin).ifPresent(models::add);
                }
            }
            ModelFiles.read(
                            Path.of(project.getBuild().getOutputDirectory()),
                            project.getGroupId() + ":" + project.getArtifactId())
                    .ifPresent(models::add);
        } catch (InvalidModelException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Herald could not read a dependency: " + e, e);
        }
        if (models.isEmpty()) {
            throw new MojoFailureException("Herald found no events: none of the "
                    + project.getArtifacts().size()
                    + " dependencies of " + project.getId() + " holds " + HeraldModel.PATH + ". Add the modules that"
                    + " declare @Event records as dependencies (compiled with herald-processor), or skip the goal"
                    + " with -Dherald.skip.");
        }
        String origins = models.stream().map(Sourced::origin).collect(Collectors.joining(", "));
        HeraldModel model;
        try {
            model = FrontendOutput.write(models, settings);
        } catch (ModelConflictException e) {
            throw new MojoFailureException(
                    "Herald cannot merge the events of " + origins + ":\n  " + String.join("\n  ", e.conflicts()));
        } catch (IOException e) {
            throw new MojoExecutionException("Herald could not write its output: " + e, e);
        }
        getLog().info("Herald: " + model.events().size() + " events from " + origins + " -> " + outputDirectory
                + (asyncapiOutput == null ? "" : ", " + asyncapiOutput));
    }

    private FrontendOutput.Settings settings() throws MojoFailureException {
        try {
            return new FrontendOutput.Settings(
                    outputDirectory.toPath(),
                    groupNames == null ? Map.of() : groupNames,
                    react,
                    tanstack,
                    asyncapiOutput == null ? null : asyncapiOutput.toPath(),
                    asyncapiTitle,
                    asyncapiVersion,
                    asyncapiPath);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("herald:generate: " + e.getMessage(), e);
        }
    }
}
