cchcSearch.doc(2,{"u":"tin-tuc/giua-thang-7/","t":"Bài giữa tháng 7","k":0,"d":"2025-07-15","s":"Chủ đề Cải cách hành chính có đúng ba bài: một trang đầy. Cải cách hành chính"})
