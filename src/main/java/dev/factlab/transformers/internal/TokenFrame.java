package dev.factlab.transformers.internal;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The special tokens a tokenizer.json's post-processor puts around a single text (BERT's
 * {@code [CLS]} … {@code [SEP]}), read from a {@code TemplateProcessing} (its
 * {@code single} template: special tokens, the sequence A, special tokens, every type id
 * 0) or a {@code BertProcessing} ({@code cls} and {@code sep}).
 *
 * @param before ids put before the text
 * @param after ids put after it
 */
record TokenFrame(int[] before, int[] after) {

	/** No post-processor: the text's tokens alone. */
	static final TokenFrame NONE = new TokenFrame(new int[0], new int[0]);

	/**
	 * @param postProcessor the {@code post_processor} section; null or JSON null for none
	 * @throws TokenizerConfigException for another post-processor type or a template this
	 * can't apply
	 */
	static TokenFrame read(JsonNode postProcessor) {
		if (postProcessor == null || postProcessor.isNull()) {
			return NONE;
		}
		String type = postProcessor.path("type").asString("");
		return switch (type) {
			case "TemplateProcessing" -> template(postProcessor);
			case "BertProcessing" -> new TokenFrame(new int[] { bertToken(postProcessor, "cls") },
					new int[] { bertToken(postProcessor, "sep") });
			default -> throw new TokenizerConfigException(
					("tokenizer.json's post_processor is of type '%s'; only TemplateProcessing, BertProcessing (or none) "
							+ "are implemented")
						.formatted(type));
		};
	}

	private static TokenFrame template(JsonNode processor) {
		List<Integer> before = new ArrayList<>();
		List<Integer> after = new ArrayList<>();
		boolean sequence = false;
		for (JsonNode piece : processor.path("single")) {
			JsonNode special = piece.path("SpecialToken");
			JsonNode text = piece.path("Sequence");
			JsonNode typed = special.isMissingNode() ? text : special;
			if (typed.path("type_id").asInt(0) != 0) {
				throw new TokenizerConfigException(
						"tokenizer.json's post_processor gives a single text type id %s; only 0 is implemented"
							.formatted(typed.path("type_id")));
			}
			if (!special.isMissingNode()) {
				(sequence ? after : before).addAll(specialIds(processor, special.path("id").asString("")));
			}
			else if (!text.isMissingNode() && "A".equals(text.path("id").asString("")) && !sequence) {
				sequence = true;
			}
			else {
				throw new TokenizerConfigException(
						("tokenizer.json's post_processor.single holds %s; only special tokens around one sequence A "
								+ "are implemented")
							.formatted(piece));
			}
		}
		if (!sequence) {
			throw new TokenizerConfigException("tokenizer.json's post_processor.single has no sequence A");
		}
		return new TokenFrame(toArray(before), toArray(after));
	}

	private static List<Integer> specialIds(JsonNode processor, String name) {
		JsonNode ids = processor.path("special_tokens").path(name).path("ids");
		if (!ids.isArray() || ids.isEmpty()) {
			throw new TokenizerConfigException(
					"tokenizer.json's post_processor uses the special token '%s' but its special_tokens give it no ids"
						.formatted(name));
		}
		List<Integer> out = new ArrayList<>();
		ids.forEach(id -> out.add(id.asInt()));
		return out;
	}

	private static int bertToken(JsonNode processor, String field) {
		JsonNode token = processor.path(field);
		if (!token.isArray() || token.size() != 2 || !token.get(1).isIntegralNumber()) {
			throw new TokenizerConfigException(
					"tokenizer.json's post_processor.%s must be [token, id] but is %s".formatted(field, token));
		}
		return token.get(1).asInt();
	}

	private static int[] toArray(List<Integer> ids) {
		return ids.stream().mapToInt(Integer::intValue).toArray();
	}

}
