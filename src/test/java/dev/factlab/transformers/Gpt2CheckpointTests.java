package dev.factlab.transformers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import dev.factlab.transformers.internal.CheckpointException;
import dev.factlab.transformers.internal.Gpt2Config;
import dev.factlab.transformers.internal.Gpt2Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed checkpoints (copies of the reference's tiny one, damaged) fail with a
 * {@link CheckpointException} naming the file or tensor and what was expected.
 */
class Gpt2CheckpointTests {

	static final Path DAMAGED = Gpt2Reference.DIR.resolve("damaged");

	@BeforeAll
	static void generate() throws Exception {
		Gpt2Reference.generate();
	}

	/** A copy of tiny-gpt2 under {@code name}. */
	static Path copy(String name) throws IOException {
		Path dir = DAMAGED.resolve(name);
		Files.createDirectories(dir);
		for (String file : new String[] { Gpt2Config.FILE, Gpt2Loader.WEIGHTS }) {
			Files.copy(Gpt2Reference.CHECKPOINTS.resolve("tiny-gpt2").resolve(file), dir.resolve(file),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		return dir;
	}

	/** Cuts the weights file to {@code bytes}. */
	static void truncate(Path dir, long bytes) throws IOException {
		try (FileChannel channel = FileChannel.open(dir.resolve(Gpt2Loader.WEIGHTS), StandardOpenOption.WRITE)) {
			channel.truncate(bytes);
		}
	}

	/** Rewrites the weights file's JSON header, keeping its data. */
	static void editHeader(Path dir, Consumer<ObjectNode> edit) throws IOException {
		Path file = dir.resolve(Gpt2Loader.WEIGHTS);
		byte[] all = Files.readAllBytes(file);
		long length = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode header = (ObjectNode) json.readTree(new String(all, 8, (int) length, StandardCharsets.UTF_8));
		edit.accept(header);
		byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
		ByteBuffer out = ByteBuffer.allocate(8 + text.length + all.length - 8 - (int) length)
			.order(ByteOrder.LITTLE_ENDIAN);
		out.putLong(text.length).put(text).put(all, 8 + (int) length, all.length - 8 - (int) length);
		Files.write(file, out.array());
	}

	static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode config = (ObjectNode) json.readTree(dir.resolve(Gpt2Config.FILE).toFile());
		edit.accept(config);
		Files.writeString(dir.resolve(Gpt2Config.FILE), config.toString());
	}

	static void load(Path dir) throws IOException {
		Gpt2Loader.weights(dir, Gpt2Config.read(dir));
	}

	@Test
	void aTruncatedFileSaysSo() throws Exception {
		Path dir = copy("truncated");
		truncate(dir, Files.size(dir.resolve(Gpt2Loader.WEIGHTS)) - 100);
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("outside the")
			.hasMessageContaining("truncated");
		truncate(dir, 100);
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("declares a header of");
		truncate(dir, 5);
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("fewer than the 8 of the header length");
	}

	@Test
	void anUnreadableDtypeIsNamed() throws Exception {
		Path dir = copy("int-dtype");
		editHeader(dir, header -> ((ObjectNode) header.get("h.1.mlp.c_fc.bias")).put("dtype", "I32"));
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("h.1.mlp.c_fc.bias (I32 [128])")
			.hasMessageContaining("only F32, F16 and BF16");
	}

	@Test
	void aShapeThatDisagreesWithTheConfigIsNamed() throws Exception {
		Path dir = copy("shape");
		editConfig(dir, config -> config.put("n_inner", 64));
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("h.0.mlp.c_fc.weight (F32 [32, 128])")
			.hasMessageContaining("config.json expects shape [32, 64]");
	}

	@Test
	void aMissingTensorIsNamed() throws Exception {
		Path dir = copy("missing");
		editHeader(dir, header -> header.remove("ln_f.bias"));
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("no tensor 'ln_f.bias' (nor 'transformer.ln_f.bias')");
	}

	@Test
	void overlappingOrMissizedRangesAreRejected() throws Exception {
		Path dir = copy("overlap");
		editHeader(dir, header -> header.set("wpe.weight", header.get("wte.weight").deepCopy()));
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class).hasMessageContaining("overlap");
		Path sized = copy("missized");
		editHeader(sized, header -> ((ObjectNode) header.get("ln_f.bias")).putArray("shape").add(33));
		assertThatThrownBy(() -> load(sized)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("ln_f.bias (F32 [33]) needs 132 bytes but its data_offsets span 128");
	}

	@Test
	void aHeaderThatIsNotJsonOrAConfigThatIsNotGpt2IsRejected() throws Exception {
		Path dir = copy("garbage");
		byte[] all = Files.readAllBytes(dir.resolve(Gpt2Loader.WEIGHTS));
		all[8] = '[';
		all[9] = '}';
		Files.write(dir.resolve(Gpt2Loader.WEIGHTS), all);
		assertThatThrownBy(() -> load(dir)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("header is not JSON");
		Path bert = copy("bert");
		editConfig(bert, config -> config.put("model_type", "bert"));
		assertThatThrownBy(() -> load(bert)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("model_type 'bert'");
		Path vocab = copy("vocab");
		editConfig(vocab, config -> config.put("vocab_size", 50304));
		assertThatThrownBy(() -> load(vocab)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("vocab_size is 50304");
		Path heads = copy("heads");
		editConfig(heads, config -> config.put("n_head", 5));
		assertThatThrownBy(() -> load(heads)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("n_head 5 does not divide n_embd 32");
		Path layers = copy("layers");
		editConfig(layers, config -> config.put("n_layer", 100000));
		assertThatThrownBy(() -> load(layers)).isInstanceOf(CheckpointException.class)
			.hasMessageContaining("n_layer must be an integer from 1 to 1024 but was 100000");
	}

}
