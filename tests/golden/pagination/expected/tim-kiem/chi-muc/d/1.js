cchcSearch.doc(1,{"u":"tin-tuc/dau-thang-7/","t":"Bài đầu tháng 7","k":0,"d":"2025-07-01","s":"Chủ đề PAR Index chỉ dùng một lần; đơn vị viết khác cách (được gộp). Cải cách hành chính PAR Index"})
