package dev.factlab.transformers;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where an operator puts GPT-2-family checkpoints ({@code factlab.transformers.*}).
 *
 * @param checkpointDir directory whose subdirectories each hold a Hugging Face GPT-2
 * checkpoint (config.json and model.safetensors; F32, or F16/BF16 widened to float32),
 * each served under /api/v1/transformers with the subdirectory's name as its id
 * (lower-case letters, digits, '-' and '.'), loaded on first use; empty (the default): no
 * GPT-2 models
 */
@ConfigurationProperties("factlab.transformers")
public record CheckpointSettings(Path checkpointDir) {
}
