/*
 * ner_model_blob.S
 *	  The tagger's model embedded in the shared library, read-only, so every
 *	  backend maps the same pages and opens it in place (ner_model_open).
 *	  NER_MODEL_PATH is the model file, a string, given by the build:
 *	  -DNER_MODEL_PATH='"data/ner/ner-en.model"'. The symbols are hidden, so
 *	  position-independent code reaches them without a relocation.
 */
#ifndef NER_MODEL_PATH
#error "define NER_MODEL_PATH as the quoted path of the model file"
#endif

	.section .rodata
	.balign 64
	.globl	ner_model_blob
	.hidden	ner_model_blob
	.type	ner_model_blob, @object
ner_model_blob:
	.incbin	NER_MODEL_PATH
	.globl	ner_model_blob_end
	.hidden	ner_model_blob_end
	.type	ner_model_blob_end, @object
ner_model_blob_end:
	.byte	0
	.size	ner_model_blob, ner_model_blob_end - ner_model_blob
	.size	ner_model_blob_end, 1

	/* No executable stack. */
	.section .note.GNU-stack,"",@progbits
