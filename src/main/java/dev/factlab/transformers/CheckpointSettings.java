package dev.factlab.transformers;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where an operator puts GPT-2-family checkpoints ({@code factlab.transformers.*}).
 *
 * @param checkpointDir a directory whose subdirectories each hold a Hugging Face GPT-2
 * checkpoint ({@code config.json} and {@code model.safetensors}, float32, F16 or BF16);
 * each is served under /api/v1/transformers with the subdirectory's name as its id
 * (lower-case letters, digits, '-' and '.'). Unset: no GPT-2 models.
 */
@ConfigurationProperties("factlab.transformers")
public record CheckpointSettings(Path checkpointDir) {
}
