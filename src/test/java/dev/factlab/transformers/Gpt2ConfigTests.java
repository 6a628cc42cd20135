package dev.factlab.transformers;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.factlab.params.ParameterCount;
import dev.factlab.params.PresetCatalogue;
import dev.factlab.params.TransformerConfig;
import dev.factlab.tensor.Activation;
import dev.factlab.transformers.internal.Gpt2Config;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GPT-2 config.json's parameter count, from the config alone, against the released
 * checkpoints' published counts and the params module's presets of the same shapes.
 */
class Gpt2ConfigTests {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "gpt2-small, 768, 12, 12, 124439808", "gpt2-medium, 1024, 24, 16, 354823168",
			"gpt2-large, 1280, 36, 20, 774030080", "gpt2-xl, 1600, 48, 25, 1557611200" })
	void theCountOfAReleasedShapeIsItsPublishedOne(String preset, int d, int layers, int heads, long published)
			throws Exception {
		// the config.json of openai-community/gpt2*, as the hub serves it (fields that
		// don't fix the weights left out)
		Files.writeString(dir.resolve(Gpt2Config.FILE), """
				{"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "layer_norm_epsilon": 1e-05,
				 "model_type": "gpt2", "n_ctx": 1024, "n_embd": %d, "n_head": %d, "n_layer": %d, "n_positions": 1024,
				 "vocab_size": 50257}""".formatted(d, heads, layers));
		Gpt2Config config = Gpt2Config.read(dir);
		assertThat(config.neurons()).isEqualTo(4 * d);
		assertThat(config.activation()).isEqualTo(Activation.GELU_TANH);
		assertThat(config.epsilon()).isEqualTo(1e-5);
		assertThat(config.parameters()).isEqualTo(published);
		TransformerConfig shape = new PresetCatalogue().find(preset).config();
		assertThat(new ParameterCount().count(shape).conventions().full()).isEqualTo(published);
	}

}
