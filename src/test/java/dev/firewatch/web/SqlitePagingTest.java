package dev.firewatch.web;

class SqlitePagingTest extends PagingContract {
    @Override
    String storeSection() {
        return "";
    }
}
