/* csvbatch.h - batches of parsed survey rows, passed from the importer's
 * reader thread to its consumers (the writer, and the index thread) and
 * back through a queue, so that the threads allocate nothing per row.
 * Private to csvimport_run.c. */
#ifndef JAW_CSVBATCH_H
#define JAW_CSVBATCH_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CSVBATCH_BYTES (1u << 20) /* arena bytes that make a batch full */
#define CSVBATCH_ROWS 2048        /* rows that make a batch full */
#define CSVBATCH_COUNT 6          /* batches in flight between the threads */

/* The consumers of a batch. */
enum { CSVBATCH_WRITER, CSVBATCH_INDEXER, CSVBATCH_CONSUMERS };

/* One open answer in a batch. */
struct csvbatch_text {
	int column;          /* 0-based */
	uint32_t off, len;
	int64_t id;          /* the source it becomes */
};

/* One respondent in a batch; offsets point into the batch's arena. */
struct csvbatch_row {
	int64_t line;
	uint32_t id_off, id_len, json_off, json_len;
	int first_text, ntexts;
};

/* Rows parsed from the file: their bytes in one arena, reused. */
struct csvbatch {
	char *arena;
	size_t used, cap;
	struct csvbatch_row *rows;
	int nrows, rowcap;
	struct csvbatch_text *texts;
	int ntexts, textcap;
	int64_t bytes_done;  /* of the file, when the batch was handed over */
	int refs;            /* consumers yet to finish with it */
	struct csvbatch *next[CSVBATCH_CONSUMERS], *next_free;
};

/* Batches going from the reader to the writer and the indexer, and back. */
struct csvbatch_queue {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct csvbatch *full[CSVBATCH_CONSUMERS], *tail[CSVBATCH_CONSUMERS], *free_list;
	int consumers;       /* 1 (the writer) or 2 (and the indexer) */
	bool reader_done, cancel;
	int64_t indexed;     /* answers the indexer has done */
};

/* Makes the queue's batches, all free, for 1 or 2 consumers. */
void csvbatch_queue_init(struct csvbatch_queue *q, int consumers);
/* Frees the batches; every thread has stopped, so each is on the free list. */
void csvbatch_queue_destroy(struct csvbatch_queue *q);
/* Reader: takes an empty batch, waiting for one; NULL when cancelled. */
struct csvbatch *csvbatch_queue_take_free(struct csvbatch_queue *q);
/* Reader: hands a full batch to every consumer. */
void csvbatch_queue_put_full(struct csvbatch_queue *q, struct csvbatch *b);
/* Reader: gives back a batch no consumer has seen. */
void csvbatch_queue_put_free(struct csvbatch_queue *q, struct csvbatch *b);
/* Consumer c: takes its next full batch; NULL once the reader is done. */
struct csvbatch *csvbatch_queue_take_full(struct csvbatch_queue *q, int c);
/* Consumer: is done with a batch; the last one frees it. */
void csvbatch_queue_release(struct csvbatch_queue *q, struct csvbatch *b);
/* Sets one of the queue's flags (reader_done, cancel) and wakes every
 * thread that waits on the queue. */
void csvbatch_queue_set(struct csvbatch_queue *q, bool *flag);

#endif
