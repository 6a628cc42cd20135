package dev.factlab.facts.web;

import java.util.List;

import dev.factlab.facts.QueryAnswer;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Recall of each subject, in request order")
record QueryResponse(@Schema(description = "One answer per subject") List<QueryAnswer> answers) {
}
