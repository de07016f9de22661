"""Small query helpers shared by every app."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(queryset: QuerySet) -> Subquery:
    """A correlated subquery counting the rows of `queryset` (which refers to OuterRef).

    Unlike Count() over a join, several of these in one annotate() do not multiply each other.
    """
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())
