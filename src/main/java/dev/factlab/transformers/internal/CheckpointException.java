package dev.factlab.transformers.internal;

/**
 * A checkpoint an operator supplied is malformed: its header, a tensor's dtype or shape,
 * its config. The message names the file, the tensor and what was expected.
 */
public class CheckpointException extends RuntimeException {

	public CheckpointException(String message) {
		super(message);
	}

}
