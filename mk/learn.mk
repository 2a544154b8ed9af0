# Trainable stance models (src/core/learn/): the SemEval-2016 Task 6
# evaluation (make eval-stance) and the unit tests of the learner.
#
# eval-stance builds stance-semeval, the core's classifier without
# PostgreSQL, trains on SemEval's training file minus every fifth row of each
# target and scores those held-out rows with the official F_avg; it skips
# cleanly when ../shared is absent. LEARN_CV=K cross-validates the training
# part instead; LEARN_EVAL_FLAGS="--cv-whole K" the whole file (how the
# defaults were chosen). eval-stance-sql repeats the
# run through SQL on a throwaway cluster and checks both agree.

LEARN_CC ?= gcc
LEARN_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
LEARN_BUILD = test/build/learn
LEARN_HEADERS = $(wildcard src/core/learn/*.h)
SEMEVAL_SHARED ?= $(firstword $(wildcard ../shared/data ../../shared/data))
SEMEVAL_TRAIN ?= $(SEMEVAL_SHARED)/semeval2016/trainingdata-all-annotations.txt
LEARN_EVAL_FLAGS ?=
LEARN_CV ?=

.PHONY: eval-stance eval-stance-sql

$(LEARN_BUILD)/stance-semeval: src/cli/stance_semeval.c $(CORE_OBJS:.o=.c) src/core/learn/learn_eval.c \
		$(LEARN_HEADERS) $(CORE_HEADERS) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(LEARN_CC) $(LEARN_CFLAGS) -Isrc/core -Isrc/core/ner -Isrc/core/learn -o $@ $< \
		$(CORE_OBJS:.o=.c) src/core/learn/learn_eval.c $(MODEL_OBJ) $(ICU_LIBS) -lm

# Train and score on SemEval-2016 subtask A's held-out split (or LEARN_CV=K).
eval-stance: $(LEARN_BUILD)/stance-semeval
	@if [ ! -f "$(SEMEVAL_TRAIN)" ]; then echo "eval-stance: $(SEMEVAL_TRAIN) not found, skipping"; exit 0; fi; \
	./$(LEARN_BUILD)/stance-semeval $(if $(LEARN_CV),--cv $(LEARN_CV)) $(LEARN_EVAL_FLAGS) $(SEMEVAL_TRAIN)

.PHONY: stance-memory stance-dump-restore

# Peak backend memory of stance_train on 1,000,000 rows (and a tenth), on a
# throwaway cluster (test/robust/stance_memory.sh); takes minutes.
stance-memory:
	bash -c '. scripts/cluster.sh && trap cluster_stop EXIT && cluster_start && \
		bash test/robust/stance_memory.sh'

# pg_dump and restore of stored models on a throwaway cluster.
stance-dump-restore:
	bash -c '. scripts/cluster.sh && trap cluster_stop EXIT && cluster_start && \
		bash test/robust/dump_restore_stance.sh'

# The held-out run through SQL on a throwaway cluster, checked against eval-stance.
eval-stance-sql: $(LEARN_BUILD)/stance-semeval
	@if [ ! -f "$(SEMEVAL_TRAIN)" ]; then echo "eval-stance-sql: $(SEMEVAL_TRAIN) not found, skipping"; exit 0; fi; \
	bash -c '. scripts/cluster.sh && trap cluster_stop EXIT && cluster_start && \
		bash test/eval/stance_sql.sh $(LEARN_BUILD)/stance-semeval $(SEMEVAL_TRAIN)'
