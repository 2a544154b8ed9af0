/*
 * stance_model_blob.S
 *	  The stance model embedded in the shared library, read-only, so every
 *	  backend maps the same pages and opens it in place (stance_model_open).
 *	  STANCE_MODEL_PATH is the model file, a string, given by the build:
 *	  -DSTANCE_MODEL_PATH='"data/stance/stance-en.model"'. The symbols are hidden, so
 *	  position-independent code reaches them without a relocation.
 */
#ifndef STANCE_MODEL_PATH
#error "define STANCE_MODEL_PATH as the quoted path of the model file"
#endif

	.section .rodata
	.balign 64
	.globl	stance_model_blob
	.hidden	stance_model_blob
	.type	stance_model_blob, @object
stance_model_blob:
	.incbin	STANCE_MODEL_PATH
	.globl	stance_model_blob_end
	.hidden	stance_model_blob_end
	.type	stance_model_blob_end, @object
stance_model_blob_end:
	.byte	0
	.size	stance_model_blob, stance_model_blob_end - stance_model_blob
	.size	stance_model_blob_end, 1

	/* No executable stack. */
	.section .note.GNU-stack,"",@progbits
