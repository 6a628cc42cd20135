/**
 * A real pretrained transformer inside the service: all-MiniLM-L6-v2 loaded from the ONNX
 * file in langchain4j's jar (and GPT-2-family checkpoints an operator supplies), run
 * through the tensor facade so every intermediate (queries, neurons, MLP outputs, the
 * residual stream) can be read, traced and ablated.
 */
package dev.factlab.transformers;
