/* csvimport_reader.h - the survey importer's reader thread: parses the
 * file again and turns each row into what the database needs (the
 * respondent's id, its answers as one JSON array, its open answers with
 * LF line ends and the source id each will have) in the queue's reusable
 * batches, for the writer and the index thread (csvimport_run.c). While
 * it reads it can plan the whole file too. Private to the importer. */
#ifndef JAW_CSVIMPORT_READER_H
#define JAW_CSVIMPORT_READER_H
#include <stdbool.h>
#include <stdint.h>

#include "csvbatch.h"
#include "csvimport_int.h"
#include "csvread.h"
#include "err.h"

/* The reader thread's state: set plan, opt, q, id_col (-1: none),
 * headers_left, next_id and planner (or NULL) before it starts; the rest
 * is its result. */
struct csvimport_reader {
	const struct csvimport_plan *plan;
	const struct csvimport_options *opt;
	struct csvbatch_queue *q;
	struct csvbatch *cur;
	int headers_left;
	int id_col;
	int64_t next_id;     /* the next open answer's source id */
	int64_t rows, values, answers, done;
	int status;
	jaw_err err;
	struct csvread_info info;
	struct csvimport_planner *planner; /* plans the whole file as it goes, or NULL */
	struct csvimport_plan *full;       /* the planner's plan, when it is done */
	bool planner_failed;               /* the error is the planner's own */
};

/* The thread's function (pthread_create): reads rd's file into batches,
 * then sets the queue's reader_done. */
void *csvimport_reader_main(void *rd);

#endif
