package dev.factlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** The layering README.md describes, held against the compiled classes. */
class ArchitectureTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.factlab");

	@Test
	void onlyTensorTouchesNd4jJavaCppOrNativeState() {
		assertThat(classes.contain("dev.factlab.tensor.TileBuffer")).isTrue();
		noClasses().that()
			.resideOutsideOfPackage("dev.factlab.tensor..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.nd4j..", "org.bytedeco..", "com.sun.jna..")
			.because("tensor is the one owner of ND4J, JavaCPP and native state (memory budget, BLAS thread lease); "
					+ "other modules use its API (FloatMatrix, TensorOps, RowBlocks, TileBuffer, MemoryBudget)")
			.check(classes);
	}

	@Test
	void onlyWebAdaptersKnowHttp() {
		assertThat(classes.contain("dev.factlab.web.ProblemHandler")).as("the production classes are imported")
			.isTrue();
		noClasses().that()
			.resideOutsideOfPackages("dev.factlab.web..", "dev.factlab.*.web..")
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(HttpStatus.class, HttpStatusCode.class, ResponseEntity.class)
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("dev.factlab.web.ApiException")
			.because("domain code throws the kinds of dev.factlab.errors and returns records; "
					+ "only web adapters (dev.factlab.web, dev.factlab.*.web) know HTTP statuses and responses")
			.check(classes);
	}

}
