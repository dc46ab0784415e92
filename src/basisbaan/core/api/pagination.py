from rest_framework.pagination import PageNumberPagination

from basisbaan.core.pagination import DeferredJoinPaginator


class Pagination(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 per page)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = DeferredJoinPaginator
