cchcSearch.doc(0,{"u":"tin-tuc/thang-5/","t":"Bài duy nhất của tháng 5","k":0,"d":"2025-05-10","s":"Tháng 5 chỉ có một bài. Cải cách hành chính"})
