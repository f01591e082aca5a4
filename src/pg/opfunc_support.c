/*
 * opfunc_support.c
 *		news.operator_support: the planner support function that lets the
 *		function form of an indexable operator use the operator's indexes.
 *
 * Every operator of the extension is a call of a function
 * (news.termvec_overlaps for &&, news.termvec_matches for %,
 * news.minhash_eq for = ...), and a query that does not have the schema
 * news on its search_path can always call the function.  A plain function call in WHERE cannot use an index,
 * though: the planner matches index conditions by operator.  Attached to
 * such a function with SUPPORT, this function answers the planner's
 * SupportRequestIndexCondition: when the function is the code of an
 * operator of the index's operator family (looked up by the family and
 * the argument types, so no name is written here) and the other argument
 * does not depend on the indexed table, the call becomes that operator
 * applied to the same arguments, commuted when the indexed column is the
 * second argument.  The condition is exact (not lossy): the operator runs
 * the very function.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"

/* strategies tried per operator family: btree has 5, hash 1, ours at most 2 */
#define MAX_STRATEGY	8

/*
 * operator_of: the operator of opfamily for (left, right) whose code is
 * funcid, or InvalidOid.
 */
static Oid
operator_of(Oid opfamily, Oid left, Oid right, Oid funcid)
{
	int			s;

	for (s = 1; s <= MAX_STRATEGY; s++)
	{
		Oid			opno = get_opfamily_member(opfamily, left, right, (int16) s);

		if (OidIsValid(opno) && get_opcode(opno) == funcid)
			return opno;
	}
	return InvalidOid;
}

/* news.operator_support: the function's index condition (see the file header). */
PG_FUNCTION_INFO_V1(news_operator_support);
Datum
news_operator_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestIndexCondition *req;
	FuncExpr   *call;
	Node	   *indexed;
	Node	   *other;
	Oid			opno;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestIndexCondition *) rawreq;
	if (!is_funcclause(req->node) || list_length(((FuncExpr *) req->node)->args) != 2)
		PG_RETURN_POINTER(NULL);
	call = (FuncExpr *) req->node;
	if (req->indexarg > 1)
		PG_RETURN_POINTER(NULL);
	indexed = (Node *) list_nth(call->args, req->indexarg);
	other = (Node *) list_nth(call->args, 1 - req->indexarg);
	if (!is_pseudo_constant_for_index(req->root, other, req->index))
		PG_RETURN_POINTER(NULL);

	opno = operator_of(req->opfamily,
					   exprType(linitial(call->args)), exprType(lsecond(call->args)),
					   call->funcid);
	if (OidIsValid(opno) && req->indexarg == 1)
	{
		/* f(x, column): the commutator with the column on the left */
		opno = get_commutator(opno);
		if (!OidIsValid(opno) || !op_in_opfamily(opno, req->opfamily))
			opno = InvalidOid;
	}
	if (!OidIsValid(opno))
		PG_RETURN_POINTER(NULL);

	req->lossy = false;
	PG_RETURN_POINTER(list_make1(make_opclause(opno, BOOLOID, false,
											   (Expr *) indexed, (Expr *) other,
											   InvalidOid, call->inputcollid)));
}
