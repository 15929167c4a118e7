cchcSearch.root({"v":1,"n":5,"nb":8,"ns":1,"y0":2025,"meta":"AQAAAwI"})
